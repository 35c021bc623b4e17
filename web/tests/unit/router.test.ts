// The route guard takes who may open a page from the server's menu (/auth/me), not from
// permissions repeated in the router: a page opens when the user's menu holds its entry.
import { describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { installGuard, routes } from '@/router'
import { useUserStore } from '@/stores/user'
import type { Me, MenuItem } from '@/api/types'

function signedIn(menus: MenuItem[]) {
  const pinia = createPinia()
  const store = useUserStore(pinia)
  const me: Me = {
    user: { id: 1, username: 'u', display_name: '用户', must_change_password: false } as Me['user'],
    active_membership: null,
    memberships: [],
    // Permissions the router must not consult any more: a page missing from the menu stays shut.
    permissions: ['cases:case:create', 'cases:case:list', 'sys:dict:update'],
    menus,
    csrf_token: 't',
  }
  store.setMe(me)
  const router = createRouter({ history: createMemoryHistory(), routes })
  installGuard(router, pinia)
  return router
}

const casesMenu: MenuItem = {
  key: 'cases',
  title: '典型案例征集',
  path: '/cases',
  icon: '',
  children: [{ key: 'cases-calls', title: '征集活动', path: '/cases/calls', icon: '' }],
}

describe('route guard from the server menu', () => {
  it('opens a page whose entry the menu holds, nested or not', async () => {
    const router = signedIn([{ key: 'home', title: '首页', path: '/index', icon: '' }, casesMenu])
    await router.push('/cases/calls')
    expect(router.currentRoute.value.name).toBe('cases-calls')
  })

  it('shuts a page the server left out of the menu, whatever permissions the user holds', async () => {
    // A district bureau holds cases:case:create through a role, but the server hides 本单位案例 from bureaus.
    const router = signedIn([casesMenu])
    await router.push('/cases/mine')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/system/dicts')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('opens a case from any of the case pages', async () => {
    const router = signedIn([casesMenu])
    await router.push('/cases/12')
    expect(router.currentRoute.value.name).toBe('case-view')
    const none = signedIn([])
    await none.push('/cases/12/edit')
    expect(none.currentRoute.value.name).toBe('forbidden')
  })

  it('leaves pages outside any menu open to every signed-in user', async () => {
    const router = signedIn([])
    await router.push('/notices')
    expect(router.currentRoute.value.name).toBe('notices')
  })
})

import { describe, expect, it, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { h, withDirectives, defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { checkPermi, hasPermi } from '@/directive/hasPermi'
import { hasAnyPermission, useUserStore } from '@/stores/user'

describe('checkPermi', () => {
  const granted = new Set(['org:user:list', 'org:user:create'])

  it.each([
    [['org:user:create'], true],
    [['org:user:delete'], false],
    [['org:user:delete', 'org:user:create'], true],
    ['org:user:list', true],
    [[], true],
  ])('%j → %s', (value, expected) => {
    expect(checkPermi(granted, value)).toBe(expected)
  })

  it('honours the super-permission *:*:*', () => {
    expect(hasAnyPermission(new Set(['*:*:*']), ['anything:at:all'])).toBe(true)
  })

  it('refuses a value that is not a list of codes', () => {
    expect(() => checkPermi(granted, 42)).toThrow(/v-hasPermi/)
  })
})

describe('v-hasPermi', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  function render(codes: string[]) {
    const Comp = defineComponent({
      render: () =>
        h('div', [
          withDirectives(h('button', { id: 'add' }, '新增'), [[hasPermi, codes]]),
          h('span', { id: 'always' }, 'x'),
        ]),
    })
    return mount(Comp)
  }

  function signIn(perms: string[]) {
    useUserStore().setMe({
      user: { id: 1, username: 'u', display_name: 'U', must_change_password: false },
      active_membership: null,
      memberships: [],
      permissions: perms,
      menus: [],
      csrf_token: 't',
    })
  }

  it('keeps the element when the user holds one of the codes', () => {
    signIn(['org:user:create'])
    const w = render(['org:user:create', 'org:user:update'])
    expect(w.find('#add').exists()).toBe(true)
  })

  it('removes the element when the user holds none of the codes', () => {
    signIn(['org:user:list'])
    const w = render(['org:user:create'])
    expect(w.find('#add').exists()).toBe(false)
    expect(w.find('#always').exists()).toBe(true)
  })

  it('removes the element when signed out', () => {
    const w = render(['org:user:create'])
    expect(w.find('#add').exists()).toBe(false)
  })
})

import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { Me, Membership, MenuItem } from '@/api/types'

/** The super-permission RuoYi users know; honoured if the server ever sends it. */
export const ALL_PERMISSIONS = '*:*:*'

/** True when the user holds at least one of the codes (an empty list needs nothing). */
export function hasAnyPermission(granted: ReadonlySet<string>, required: string | readonly string[]): boolean {
  const codes = typeof required === 'string' ? [required] : required
  if (codes.length === 0) return true
  if (granted.has(ALL_PERMISSIONS)) return true
  return codes.some((c) => granted.has(c))
}

export const useUserStore = defineStore('user', () => {
  const me = ref<Me | null>(null)
  /** Kept in memory only: never in localStorage. */
  const csrfToken = ref('')
  /** True once /auth/me was asked in this page load (whatever the answer). */
  const checked = ref(false)
  let pending: Promise<Me | null> | null = null

  const user = computed(() => me.value?.user ?? null)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))
  const menus = computed<MenuItem[]>(() => me.value?.menus ?? [])
  const memberships = computed<Membership[]>(() => me.value?.memberships ?? [])
  const activeMembership = computed<Membership | null>(() => me.value?.active_membership ?? null)
  const loggedIn = computed(() => me.value !== null)
  const mustChangePassword = computed(() => !!me.value?.user.must_change_password)

  function hasPermi(code: string | readonly string[]): boolean {
    return hasAnyPermission(permissions.value, code)
  }

  /** Does the user's menu (as the server decided it) hold one of these paths? */
  function menuHas(paths: string | readonly string[]): boolean {
    const wanted = new Set(typeof paths === 'string' ? [paths] : paths)
    const walk = (items: MenuItem[]): boolean => items.some((m) => wanted.has(m.path) || walk(m.children ?? []))
    return walk(menus.value)
  }

  function setMe(next: Me) {
    me.value = next
    if (next.csrf_token) csrfToken.value = next.csrf_token
    checked.value = true
  }

  function clear() {
    me.value = null
    csrfToken.value = ''
    checked.value = true
  }

  /** GET /auth/me; resolves to null when not signed in. */
  async function loadMe(quiet = true): Promise<Me | null> {
    if (pending) return pending
    pending = (async () => {
      try {
        const m = await authApi.getMe(quiet)
        setMe(m)
        return m
      } catch (e) {
        if ((e as { status?: number }).status === 401) {
          clear()
          return null
        }
        checked.value = true
        throw e
      } finally {
        pending = null
      }
    })()
    return pending
  }

  /** Signs in, then loads the full session (menus, permissions, memberships). */
  async function login(username: string, password: string): Promise<Me> {
    const res = await authApi.login(username, password)
    csrfToken.value = res.csrf_token
    const m = await authApi.getMe(true)
    setMe(m)
    return m
  }

  async function switchUnit(membershipId: number): Promise<Me> {
    const m = await authApi.switchMembership(membershipId)
    setMe(m)
    return m
  }

  async function logout() {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  return {
    me,
    csrfToken,
    checked,
    user,
    permissions,
    menus,
    memberships,
    activeMembership,
    loggedIn,
    mustChangePassword,
    hasPermi,
    menuHas,
    setMe,
    clear,
    loadMe,
    login,
    switchUnit,
    logout,
  }
})

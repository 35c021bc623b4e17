import { http } from './http'
import type { LoginResult, Me } from './types'

export function login(username: string, password: string) {
  return http.post<LoginResult>('/auth/login', { username, password }, { silent: true, skipAuthRedirect: true })
}

export function logout() {
  return http.post<void>('/auth/logout', undefined, { skipAuthRedirect: true, silent: true })
}

/** The current session; quiet about 401 so the router guard can send the user to /login. */
export function getMe(quiet = false) {
  return http.get<Me>('/auth/me', undefined, quiet ? { silent: true, skipAuthRedirect: true } : {})
}

export function switchMembership(membershipId: number) {
  return http.post<Me>('/auth/switch', { membership_id: membershipId })
}

export function changePassword(oldPassword: string, newPassword: string) {
  return http.post<void>('/auth/password', { old_password: oldPassword, new_password: newPassword }, { silent: true })
}

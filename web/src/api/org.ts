import { download, http, type Query } from './http'
import type {
  MembershipInput,
  Page,
  PermissionCatalogue,
  Role,
  RoleInput,
  Unit,
  UnitInput,
  UnitMove,
  UnitQuery,
  User,
  UserCreate,
  UserQuery,
  UserUpdate,
} from './types'

// ----- units -----
export const listUnits = (q: UnitQuery) => http.get<Page<Unit>>('/units', q as Query)
/** The top units the current user may see (parent_id=0). */
export const rootUnits = () => http.get<Page<Unit>>('/units', { parent_id: 0, page_size: 200, sort: 'sort', order: 'asc' })
export const unitChildren = (id: number) => http.get<{ items: Unit[] }>(`/units/${id}/children`)
export const getUnit = (id: number, silent = false) => http.get<Unit>(`/units/${id}`, undefined, { silent })
export const createUnit = (body: UnitInput) => http.post<Unit>('/units', body, { silent: true })
export const updateUnit = (id: number, body: Omit<UnitInput, 'parent_id'>) => http.put<Unit>(`/units/${id}`, body, { silent: true })
export const moveUnit = (id: number, parentId: number | null) => http.post<Unit>(`/units/${id}/move`, { parent_id: parentId ?? 0 }, { silent: true })
export const unitHistory = (id: number) => http.get<{ items: UnitMove[] }>(`/units/${id}/history`)
export const deleteUnit = (id: number) => http.del(`/units/${id}`)
export const exportUnits = (q: UnitQuery) => download('/units/export', q as Query, '单位列表.xlsx')

// ----- users -----
export const listUsers = (q: UserQuery) => http.get<Page<User>>('/users', q as Query)
export const getUser = (id: number) => http.get<User>(`/users/${id}`)
export const createUser = (body: UserCreate) => http.post<User>('/users', body, { silent: true })
export const updateUser = (id: number, body: UserUpdate) => http.put<User>(`/users/${id}`, body, { silent: true })
export const setMemberships = (id: number, memberships: MembershipInput[]) =>
  http.put<User>(`/users/${id}/memberships`, { memberships }, { silent: true })
export const resetPassword = (id: number, password: string) =>
  http.post<void>(`/users/${id}/reset-password`, { password }, { silent: true })
export const unlockUser = (id: number) => http.post<void>(`/users/${id}/unlock`)
export const deleteUser = (id: number) => http.del(`/users/${id}`)
export const exportUsers = (q: UserQuery) => download('/users/export', q as Query, '用户列表.xlsx')

// ----- roles and permissions -----
export const listRoles = () => http.get<{ items: Role[] }>('/roles')
export const assignableRoles = () => http.get<{ items: Role[] }>('/roles/assignable')
export const permissionCatalogue = () => http.get<PermissionCatalogue>('/permissions')
export const createRole = (body: RoleInput) => http.post<Role>('/roles', body, { silent: true })
export const updateRole = (id: number, body: RoleInput) => http.put<Role>(`/roles/${id}`, body, { silent: true })
export const deleteRole = (id: number) => http.del(`/roles/${id}`)

// ----- unit directory (every signed-in user: names, types and districts only) -----
export interface DirectoryUnit {
  id: number
  name: string
  type: string
  /** The district bureau the unit sits under; '' for city-level units. */
  district: string
}
/** Units on the platform by name, for partner pickers (not limited to the caller's data scope). */
export const searchUnits = (keyword: string, type = '') =>
  http.get<{ items: DirectoryUnit[] }>('/unit-directory', { keyword, limit: 20, type: type || undefined }, { silent: true })

// Shapes of the server's JSON answers (see docs/api.md).

export interface ErrorEnvelope {
  error: { code: string; message: string; field?: string }
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface ListQuery {
  page?: number
  page_size?: number
  sort?: string
  order?: 'asc' | 'desc'
}

export interface RoleRef {
  id: number
  key: string
  name: string
}

export interface Membership {
  id: number
  unit_id: number
  unit_name: string
  unit_type?: string
  post: string
  roles: RoleRef[]
}

export interface MenuItem {
  key: string
  title: string
  path: string
  icon: string
  children?: MenuItem[]
}

export interface SessionUser {
  id: number
  username: string
  display_name: string
  phone?: string
  must_change_password: boolean
}

export interface LoginResult {
  user: SessionUser
  csrf_token: string
}

export interface Me {
  user: SessionUser
  active_membership: Membership | null
  memberships: Membership[]
  permissions: string[]
  /** Codes granted over the whole city (scope "all"): e.g. only such a holder of org:unit:update sets a unit's type and 局属 mark. */
  city_wide_permissions?: string[]
  menus: MenuItem[]
  csrf_token: string
}

export type Status = 'active' | 'disabled'

export interface Unit {
  id: number
  parent_id: number | null
  code: string
  name: string
  type: string
  school_stage: string | null
  city_affiliated: boolean
  sort: number
  status: Status
  has_children: boolean
  path: string
}

export interface UnitQuery extends ListQuery {
  keyword?: string
  type?: string
  status?: string
  parent_id?: number
}

export interface UnitInput {
  parent_id?: number | null
  code: string
  name: string
  type: string
  school_stage: string | null
  city_affiliated: boolean
  sort: number
  status: Status
}

export interface UnitMove {
  id: number
  at: number
  from_parent_name: string | null
  to_parent_name: string | null
  by_username: string
}

export interface User {
  id: number
  username: string
  display_name: string
  phone: string
  status: Status
  locked: boolean
  must_change_password: boolean
  last_login_at: number | null
  created_at: number
  memberships: Membership[]
}

export interface UserQuery extends ListQuery {
  keyword?: string
  unit_id?: number
  status?: string
}

export interface MembershipInput {
  unit_id: number
  post: string
  role_ids: number[]
}

export interface UserCreate {
  username: string
  display_name: string
  phone: string
  password: string
  memberships: MembershipInput[]
}

export interface UserUpdate {
  display_name: string
  phone: string
  status: Status
}

export type RoleCategory = 'system' | 'security' | 'audit' | 'business'

export interface PermissionGrant {
  code: string
  scope: string
}

export interface Role {
  id: number
  key: string
  name: string
  level: number
  category: RoleCategory
  builtin: boolean
  description: string
  permissions: PermissionGrant[]
  custom_unit_ids: number[]
}

export interface RoleInput {
  key?: string
  name: string
  level: number
  description: string
  permissions: PermissionGrant[]
  custom_unit_ids: number[]
}

export interface PermissionInfo {
  code: string
  name: string
  module: string
  module_name: string
  /** The relationship scopes this permission may be granted with (e.g. review_unit). */
  scopes?: string[]
  /** Every read under it is written to the audit log. */
  audit_reads?: boolean
}

export interface ScopeKind {
  kind: string
  label: string
  /** A relationship to the record (本单位负责初评的, 分配给本人的 …): offered only for permissions that declare it. */
  relationship?: boolean
}

export interface PermissionCatalogue {
  permissions: PermissionInfo[]
  scopes: ScopeKind[]
}

export interface DictItem {
  id: number
  value: string
  label: string
  sort: number
  status: Status
  builtin: boolean
}

export interface DictType {
  code: string
  name: string
  items: DictItem[]
}

export interface DictItemInput {
  value?: string
  label: string
  sort: number
  status: Status
}

/** Field name → [before, after] for changes; other keys carry plain facts. */
export type AuditDetail = Record<string, unknown>

export interface AuditRow {
  id: number
  at: number
  username: string
  unit_name: string
  ip: string
  action: string
  object_type: string
  object_id: string
  result: 'success' | 'failure'
  error_code: string
  detail: AuditDetail | string | null
  /** "姓名（用户名）" of the person, when the account still exists. */
  user_name?: string
  /** The object's name (a case's 《title》, a unit's name), when it still exists. */
  object_name?: string
}

export interface AuditQuery extends ListQuery {
  username?: string
  /** Username or name, in part. */
  user?: string
  action?: string
  result?: string
  from?: number
  to?: number
}

export interface AuditVerify {
  ok: boolean
  rows: number
  first_broken_id?: number | null
  broken_id?: number | null
  id?: number | null
}

// Names of audit actions and object types for people; unknown ones are shown as they are.

export const ACTION_LABELS: Record<string, string> = {
  'auth:login': '登录',
  'auth:logout': '退出登录',
  'auth:switch': '切换任职单位',
  'auth:password': '修改密码',
  'org:unit:create': '新增单位',
  'org:unit:update': '修改单位',
  'org:unit:move': '移动单位',
  'org:unit:delete': '删除单位',
  'org:unit:export': '导出单位',
  'org:user:create': '新增用户',
  'org:user:update': '修改用户',
  'org:user:grant': '设置任职与角色',
  'org:user:reset_password': '重置密码',
  'org:user:unlock': '解除锁定',
  'org:user:delete': '删除用户',
  'org:user:export': '导出用户',
  'org:role:create': '新增角色',
  'org:role:update': '修改角色',
  'org:role:delete': '删除角色',
  'sys:dict:update': '维护字典',
  'sys:audit:export': '导出审计日志',
}

export const OBJECT_LABELS: Record<string, string> = {
  unit: '单位',
  user: '用户',
  role: '角色',
  membership: '任职',
  dict_item: '字典项',
  audit_log: '审计日志',
}

/** Prefixes offered in the 操作 filter (the server matches actions that start with it). */
export const ACTION_FILTERS: { value: string; label: string }[] = [
  { value: 'auth:', label: '登录与账号（auth:）' },
  { value: 'auth:login', label: '登录' },
  { value: 'org:unit', label: '单位管理（org:unit）' },
  { value: 'org:user', label: '用户管理（org:user）' },
  { value: 'org:role', label: '角色管理（org:role）' },
  { value: 'sys:dict', label: '字典管理（sys:dict）' },
  { value: 'sys:audit', label: '审计日志（sys:audit）' },
]

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? ''
}

export function objectLabel(type: string): string {
  return OBJECT_LABELS[type] ?? type
}

export interface DiffRow {
  field: string
  before: string
  after: string
  /** false for plain facts (e.g. rows exported), which have no before/after. */
  change: boolean
}

function show(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/** Turns the detail {"字段":["旧值","新值"], "rows": 12} into table rows. */
export function diffRows(detail: unknown): DiffRow[] {
  let d = detail
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d)
    } catch {
      return d ? [{ field: '详情', before: '', after: d as string, change: false }] : []
    }
  }
  if (!d || typeof d !== 'object' || Array.isArray(d)) return []
  return Object.entries(d as Record<string, unknown>).map(([field, v]) =>
    Array.isArray(v) && v.length === 2
      ? { field, before: show(v[0]), after: show(v[1]), change: true }
      : { field, before: '', after: show(v), change: false },
  )
}

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
  'sys:bootstrap': '初始化系统',
  'cases:call:create': '发布征集活动',
  'cases:call:update': '修改征集活动',
  'cases:case:create': '新建案例',
  'cases:case:update': '修改案例',
  'cases:case:submit': '报送案例',
  'cases:case:withdraw': '撤回案例',
  'cases:case:return': '退回案例',
  'cases:case:reject': '不予推荐',
  'cases:case:recommend': '推荐案例',
  'cases:case:review': '初评（排序、汇总表）',
  'cases:case:send': '报送推荐材料',
  'cases:package:stamp': '上传盖章扫描件',
}

/** Field names of the audit detail, in the words of the pages where they are edited. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  code: '编码',
  type: '类型',
  status: '状态',
  sort: '排序',
  parent_id: '上级单位',
  school_stage: '学段',
  city_affiliated: '局属学校',
  username: '用户名',
  display_name: '姓名',
  phone: '手机号',
  memberships: '任职与角色',
  membership_id: '任职',
  role: '角色',
  level: '级别',
  description: '说明',
  permissions: '权限',
  custom_unit_ids: '自定义单位',
  title: '标题',
  review_comment: '初评意见',
  contact_name: '联系人',
  contact_phone: '联系电话',
  order: '推荐顺序',
  cases: '案例数',
  stamp: '盖章扫描件',
  attachment: '附件',
  rows: '导出条数',
  value: '值',
  label: '名称',
  copied_from: '复制自',
  version: '版本',
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field
}

export const OBJECT_LABELS: Record<string, string> = {
  case: '案例',
  case_call: '征集活动',
  case_package: '推荐材料',
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
  { value: 'cases:', label: '典型案例征集（cases:）' },
]

/** The 操作 dropdown: the groups above, then every named action. */
export const ACTION_OPTIONS: { value: string; label: string }[] = [
  ...ACTION_FILTERS,
  ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` })),
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

/** "org:user:list=subtree" → the code alone, for comparing permission lists. */
function asList(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null
  return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
}

/**
 * A change of a list (permissions, memberships) as what was added and what was removed,
 * instead of two long lists side by side.
 */
export function listChange(before: unknown, after: unknown): { added: string[]; removed: string[] } | null {
  const b = before === null || before === undefined ? [] : asList(before)
  const a = after === null || after === undefined ? [] : asList(after)
  if (!b || !a) return null
  return { added: a.filter((x) => !b.includes(x)), removed: b.filter((x) => !a.includes(x)) }
}

/** Turns the detail {"字段":["旧值","新值"], "rows": 12} into table rows, fields named in Chinese. */
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
  const rows: DiffRow[] = []
  for (const [key, v] of Object.entries(d as Record<string, unknown>)) {
    const field = fieldLabel(key)
    if (Array.isArray(v) && v.length === 2) {
      const lists = listChange(v[0], v[1])
      if (lists && (Array.isArray(v[0]) || Array.isArray(v[1]))) {
        if (lists.added.length) rows.push({ field: `${field}（新增）`, before: '', after: lists.added.join('、'), change: true })
        if (lists.removed.length) rows.push({ field: `${field}（移除）`, before: lists.removed.join('、'), after: '', change: true })
        continue
      }
      rows.push({ field, before: show(v[0]), after: show(v[1]), change: true })
    } else {
      rows.push({ field, before: '', after: show(v), change: false })
    }
  }
  return rows
}

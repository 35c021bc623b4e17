// Words the 教联体 pages show for the server's codes.
import type { ActivityState, AllianceLevel, AllianceStatus, SchoolStatus } from '@/api/alliance'

export const LEVELS: { value: AllianceLevel; label: string }[] = [
  { value: 'city', label: '市级' },
  { value: 'district', label: '区县级' },
  { value: 'school', label: '校级' },
]
export const STATUSES: { value: AllianceStatus; label: string; tag: 'info' | 'success' | 'danger' }[] = [
  { value: 'preparing', label: '筹建', tag: 'info' },
  { value: 'formed', label: '已组建', tag: 'success' },
  { value: 'dissolved', label: '已撤销', tag: 'danger' },
]
export const STATES: { value: ActivityState; label: string; tag: 'info' | 'success' | 'danger' }[] = [
  { value: 'planned', label: '计划', tag: 'info' },
  { value: 'done', label: '已完成', tag: 'success' },
  { value: 'cancelled', label: '取消', tag: 'danger' },
]
export const SCHOOL_STATUSES: { value: SchoolStatus; label: string; tag: 'success' | 'warning' | 'info' | 'danger' }[] = [
  { value: 'covered', label: '已覆盖', tag: 'success' },
  { value: 'no_external', label: '已组建，尚无教育系统外成员', tag: 'warning' },
  { value: 'not_lead', label: '已组建，学校不是牵头单位', tag: 'warning' },
  { value: 'preparing', label: '筹建中', tag: 'info' },
  { value: 'none', label: '未组建', tag: 'danger' },
]

export const levelLabel = (v: string) => LEVELS.find((x) => x.value === v)?.label ?? v
export const statusOf = (v: string) => STATUSES.find((x) => x.value === v) ?? { value: v, label: v || '未组建', tag: 'info' as const }
export const stateOf = (v: string) => STATES.find((x) => x.value === v) ?? { value: v, label: v, tag: 'info' as const }
export const schoolStatusOf = (v: string) => SCHOOL_STATUSES.find((x) => x.value === v) ?? { value: v, label: v, tag: 'info' as const }

/** "2026-12-03" in Beijing time, whatever the browser's zone. */
export function todayBeijing(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}

/** "12.5%" of a over b, "—" when b is 0. */
export function percent(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : '—'
}

// Pure logic of 初评与推荐 and 报送进度: the reviewer's words for case statuses, which call to
// show first, moving a recommendation in the order, the quota line, the summary table's save
// body, and the board's totals.
import type { CaseCall, CaseStatus } from '@/api/cases-types'
import type { BoardRow, CasePackage, PackageSave } from '@/api/cases-review'
import type { TagType } from '../editor'
import { extensionOf } from '@/api/upload'

/** Statuses a reviewer sees, in the reviewer's words ("submitted" waits for 初评). */
export const REVIEW_STATUS: Record<Exclude<CaseStatus, 'draft'>, { label: string; type: TagType }> = {
  submitted: { label: '待初评', type: 'primary' },
  returned: { label: '已退回', type: 'warning' },
  rejected: { label: '不予推荐', type: 'danger' },
  recommended: { label: '已推荐', type: 'success' },
  sent: { label: '已报送市局', type: 'success' },
}

export const REVIEW_STATUS_OPTIONS = (Object.keys(REVIEW_STATUS) as (keyof typeof REVIEW_STATUS)[]).map((value) => ({
  value,
  label: REVIEW_STATUS[value].label,
}))

export function reviewStatus(s: string): { label: string; type: TagType } {
  if (s === 'draft') return { label: '草稿', type: 'info' }
  return REVIEW_STATUS[s as keyof typeof REVIEW_STATUS] ?? { label: s, type: 'info' }
}

/**
 * The call a page opens with: the one named in the address when it exists, else the newest
 * open call (latest published), else the first of the list (latest deadline); null when none.
 */
export function defaultCallId(calls: readonly Pick<CaseCall, 'id' | 'status' | 'created_at'>[], wanted?: number | null): number | null {
  if (wanted && calls.some((c) => c.id === wanted)) return wanted
  const open = calls.filter((c) => c.status === 'open')
  if (open.length) return open.reduce((a, b) => (b.created_at > a.created_at || (b.created_at === a.created_at && b.id > a.id) ? b : a)).id
  return calls[0]?.id ?? null
}

/** A copy of `list` with the item at `from` moved to `to` (both clamped); the same order when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  if (from < 0 || from >= out.length) return out
  const target = Math.max(0, Math.min(out.length - 1, to))
  if (target === from) return out
  const [item] = out.splice(from, 1)
  out.splice(target, 0, item as T)
  return out
}

/** Two orders are the same. */
export function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** "已推荐 7 / 限额 10，剩余 3". */
export function quotaText(p: Pick<CasePackage, 'rows' | 'quota' | 'remaining'>): string {
  return `已推荐 ${p.rows.length} / 限额 ${p.quota}，剩余 ${p.remaining}`
}

/** The body of PUT /case-calls/{id}/package: trimmed contact, one remark per row in order. */
export function packageBody(contactName: string, contactPhone: string, rows: readonly { case_id: number; remark: string }[]): PackageSave {
  return {
    contact_name: contactName.trim(),
    contact_phone: contactPhone.trim(),
    remarks: rows.map((r) => ({ case_id: r.case_id, remark: r.remark.trim() })),
  }
}

/** What still stops 报送市教育局 ('' when the package may be sent; the contact is the one typed in). */
export function sendProblem(p: Pick<CasePackage, 'rows' | 'contact_name' | 'contact_phone' | 'stamp' | 'self_review'>): string {
  if (!p.rows.length) return '还没有推荐的案例'
  if (!p.contact_name.trim() || !p.contact_phone.trim()) return '请先在汇总表中填写联系人和联系电话'
  if (!p.stamp && !p.self_review) return STAMP_REQUIRED
  return ''
}

/** What the server says (cases.package_stamp_required) when the stamped scan is missing. */
export const STAMP_REQUIRED = '请先上传加盖公章的汇总表扫描件'

/** The stamped scan the server takes: PDF, JPEG or PNG, at most 20 MB (the server's upload limit). */
export const STAMP_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'
export const STAMP_MAX_BYTES = 20 * 1024 * 1024

/** Why a chosen file cannot be the stamped scan ('' when it may be uploaded; the server checks the content). */
export function stampFileProblem(file: { name: string; type?: string; size: number }): string {
  const ext = extensionOf(file.name)
  const typeOk = ['application/pdf', 'image/jpeg', 'image/png'].includes(file.type ?? '')
  if (!typeOk && !['pdf', 'jpg', 'jpeg', 'png'].includes(ext)) return '盖章扫描件应为 PDF、JPEG 或 PNG 文件'
  if (file.size <= 0) return '文件是空的'
  if (file.size > STAMP_MAX_BYTES) return '盖章扫描件不超过20MB'
  return ''
}

/** "1.2 MB", "356 KB", "800 B". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

/**
 * The summary table's form after the package (re)loads: the server's values, except what was
 * typed and not saved yet (dirty) stays as typed.
 */
export function mergeRemarks(rows: readonly { case_id: number; remark: string }[], typed: Readonly<Record<number, string>>, keepTyped: boolean): Record<number, string> {
  const out: Record<number, string> = {}
  for (const r of rows) out[r.case_id] = keepTyped && typed[r.case_id] !== undefined ? typed[r.case_id]! : r.remark
  return out
}

// ---------------------------------------------------------------- the city's board

export type BoardCount = 'draft' | 'submitted' | 'returned' | 'rejected' | 'recommended' | 'sent'

export const BOARD_COLUMNS: { key: BoardCount; label: string }[] = [
  { key: 'draft', label: '草稿' },
  { key: 'submitted', label: '待初评' },
  { key: 'returned', label: '已退回' },
  { key: 'rejected', label: '不予推荐' },
  { key: 'recommended', label: '已推荐' },
  { key: 'sent', label: '已报送市局' },
]

export interface BoardTotals extends Record<BoardCount, number> {
  units: number
  /** Units whose package has arrived. */
  packages: number
}

export function boardTotals(rows: readonly BoardRow[]): BoardTotals {
  const t: BoardTotals = { units: rows.length, packages: 0, draft: 0, submitted: 0, returned: 0, rejected: 0, recommended: 0, sent: 0 }
  for (const r of rows) {
    for (const c of BOARD_COLUMNS) t[c.key] += Number(r[c.key]) || 0
    if (r.package_sent_at) t.packages += 1
  }
  return t
}

/** "14:05:09" in Asia/Shanghai. */
export function clockText(ms: number): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(ms))
}

/** The words of the final step: a district sends to the city; the city closes its own review of the units under it. */
export function sendWords(selfReview: boolean | undefined) {
  return selfReview
    ? { button: '完成初评', done: '市直单位初评已完成', confirm: '完成市直单位初评' }
    : { button: '报送市教育局', done: '已报送市教育局', confirm: '报送市教育局' }
}

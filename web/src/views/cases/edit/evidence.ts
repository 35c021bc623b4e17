// Pure helpers of the evidence panel (佐证材料, 附件2 案例档案目录) and the quota line.
import type { CaseQuota, EvidenceInput } from '@/api/cases-types'

/** The material name proposed for a chosen file: its name without the directory and ".pdf", trimmed, at most 100 characters. */
export function nameFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? ''
  const bare = base.replace(/\.pdf$/i, '').trim()
  return Array.from(bare).slice(0, 100).join('')
}

/** '' when the 时间 field is fine (empty, YYYY, YYYY-MM or YYYY-MM-DD of a real date), else the message. */
export function materialDateProblem(s: string): string {
  const v = s.trim()
  if (!v) return ''
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v)
  if (!m) return '时间格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD'
  const mo = m[2] ? Number(m[2]) : 1
  if (mo < 1 || mo > 12) return '月份应在 01 到 12 之间'
  if (m[3]) {
    const d = Number(m[3])
    const last = new Date(Date.UTC(Number(m[1]), mo, 0)).getUTCDate()
    if (d < 1 || d > last) return '日期不存在'
  }
  return ''
}

/** '' when the form may be sent, else the first problem. */
export function evidenceInputProblem(input: EvidenceInput): string {
  const name = input.name.trim()
  if (!name) return '请填写材料名称'
  if (Array.from(name).length > 100) return '材料名称不超过100字'
  if (Array.from(input.remark.trim()).length > 200) return '备注不超过200字'
  return materialDateProblem(input.material_date)
}

/** The list with the item at `from` moved to `to` (a new array; the same one when nothing moves). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return list.slice()
  const out = list.slice()
  const [x] = out.splice(from, 1)
  out.splice(to, 0, x as T)
  return out
}

/** "1.2 MB", "830 KB". */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${bytes} B`
}

/** "已上传 3 / 10 份". */
export function evidenceCountText(n: number, max: number): string {
  return max > 0 ? `已上传 ${n} / ${max} 份` : `已上传 ${n} 份`
}

/** The quota line near 报送: "历下区教育局（含所属学校）名额：已报送 3 / 10，剩余 7", "本校名额：已报送 1 / 2，剩余 1". */
export function quotaText(q: CaseQuota): string {
  const who = q.kind === 'school' ? '本校' : `${q.scope_name}（含所属学校）`
  return `${who}名额：已报送 ${q.used} / ${q.quota}，剩余 ${Math.max(0, q.remaining)}`
}

/** True when the quota is used up (submitting will be refused). */
export function quotaFull(q: CaseQuota): boolean {
  return q.remaining <= 0
}

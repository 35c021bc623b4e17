// Pure logic of the case pages: sections grouped under their level-1 headings, 字数 per
// section and in all (counted exactly as the server counts), the practice-length rule by
// calendar months, labels of statuses and what is sent when a draft is saved.
import { zishu } from '@/utils/zishu'
import { formatDateTime } from '@/utils/time'
import type { CallRules, CaseCall, CaseContent, CaseSection, CaseStatus, Partner, DocFormat } from '@/api/cases-types'

// ---------------------------------------------------------------- sections and 字数

/**
 * One level-1 block of the write-up. A section whose `group` is '' is a level-1 heading itself
 * ("一、成果概述": standalone); consecutive sections of one group ("二、案例介绍") share a block
 * and show their own headings as level 2.
 */
export interface SectionBlock {
  heading: string
  standalone: boolean
  sections: CaseSection[]
}

export function groupSections(sections: readonly CaseSection[]): SectionBlock[] {
  const blocks: SectionBlock[] = []
  for (const s of sections) {
    const group = s.group.trim()
    if (!group) {
      blocks.push({ heading: s.heading, standalone: true, sections: [s] })
      continue
    }
    const last = blocks[blocks.length - 1]
    if (last && !last.standalone && last.heading === group) last.sections.push(s)
    else blocks.push({ heading: group, standalone: false, sections: [s] })
  }
  return blocks
}

export interface Counts {
  sections: Record<string, number>
  /** Sum over the call's sections only (text under other keys does not count), as the server does. */
  total: number
}

export function countSections(sections: readonly CaseSection[], texts: Readonly<Record<string, string | undefined>>): Counts {
  const out: Counts = { sections: {}, total: 0 }
  for (const s of sections) {
    const n = zishu(texts[s.key] ?? '')
    out.sections[s.key] = n
    out.total += n
  }
  return out
}

export type CountState = 'empty' | 'ok' | 'over' | 'under'

/** State of one section's counter: over its limit (max 0 = no limit), empty, or fine. */
export function sectionState(n: number, max: number): CountState {
  if (max > 0 && n > max) return 'over'
  return n === 0 ? 'empty' : 'ok'
}

/** "已写 120 字 / 限 500 字", or "已写 120 字" when the section has no limit of its own. */
export function sectionCounterText(n: number, max: number): string {
  return max > 0 ? `已写 ${n} 字 / 限 ${max} 字` : `已写 ${n} 字`
}

export function totalState(total: number, min: number, max: number): CountState {
  if (max > 0 && total > max) return 'over'
  if (min > 0 && total < min) return 'under'
  return total === 0 ? 'empty' : 'ok'
}

/** "全文 2980 / 3000 字". */
export function totalCounterText(total: number, max: number): string {
  return max > 0 ? `全文 ${total} / ${max} 字` : `全文 ${total} 字`
}

// ---------------------------------------------------------------- dates

export interface Ymd {
  y: number
  m: number
  d: number
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  return [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!
}

/** "2024-05-13" → {y,m,d}; null for anything else (also 2023-02-29). */
export function parseYmd(s: string | null | undefined): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '')
  if (!m) return null
  const x = { y: +m[1]!, m: +m[2]!, d: +m[3]! }
  if (x.m < 1 || x.m > 12 || x.d < 1 || x.d > daysInMonth(x.y, x.m)) return null
  return x
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}

export function formatYmd(x: Ymd): string {
  return `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`
}

/**
 * The server's rule (service.cpp practice_long_enough): the start plus `months` calendar months
 * falls on or before the deadline date. Month precision: 2023-05-13 + 12 months = 2024-05-13.
 */
export function practiceLongEnough(start: string, deadline: string, months: number): boolean {
  const s = parseYmd(start)
  const e = parseYmd(deadline)
  if (!s || !e) return false
  const sm = s.y * 12 + (s.m - 1) + months
  const em = e.y * 12 + (e.m - 1)
  if (sm !== em) return sm < em
  return s.d <= e.d
}

/**
 * The latest start date that still meets the rule: the deadline date `months` months earlier,
 * on the last day of that month when the day does not exist there (2024-03-31 − 1 → 2024-02-29).
 */
export function latestPracticeStart(deadline: string, months: number): string {
  const e = parseYmd(deadline)
  if (!e) return ''
  const idx = e.y * 12 + (e.m - 1) - months
  const y = Math.floor(idx / 12)
  const m = idx - y * 12 + 1
  return formatYmd({ y, m, d: Math.min(e.d, daysInMonth(y, m)) })
}

/**
 * The live warning under 实践开始日期: '' when the date is empty or long enough, otherwise what
 * is wrong and the latest acceptable start.
 */
export function practiceWarning(start: string, deadline: string, months: number): string {
  if (!start || months <= 0) return ''
  if (!parseYmd(start)) return '日期格式应为 YYYY-MM-DD'
  if (!parseYmd(deadline)) return ''
  if (practiceLongEnough(start, deadline, months)) return ''
  return `距截止日 ${deadline} 不足${months}个月的连续实践，须在 ${latestPracticeStart(deadline, months)} 或之前开始`
}

// ---------------------------------------------------------------- calls

/** "局属学校≤2 · 区县≤10 · 评选≤30". */
export function quotaSummary(r: Pick<CallRules, 'quota_school' | 'quota_district' | 'quota_selected'>): string {
  return `局属学校≤${r.quota_school} · 区县≤${r.quota_district} · 评选≤${r.quota_selected}`
}

/** "30分钟", "2小时", "1天2小时5分钟". */
export function graceText(minutes: number): string {
  if (!minutes) return ''
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${m ? `${m}分钟` : ''}`
}

/** When submissions close: the deadline plus the grace minutes. */
export function closesAt(call: Pick<CaseCall, 'deadline_at' | 'grace_minutes'>): number {
  return call.deadline_at + call.grace_minutes * 60_000
}

/** "2024-05-13 23:59:59" (and "（宽限30分钟）" when the call has grace minutes). */
export function deadlineText(call: Pick<CaseCall, 'deadline_at' | 'grace_minutes'>): string {
  const g = graceText(call.grace_minutes)
  return formatDateTime(call.deadline_at) + (g ? `（宽限${g}）` : '')
}

/** A case may be started or submitted for the call now. */
export function callAcceptsCases(call: Pick<CaseCall, 'status' | 'deadline_at' | 'grace_minutes'>, now: number): boolean {
  return call.status === 'open' && now <= closesAt(call)
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** 状态 of a call as shown: an open call past its deadline (and grace) shows 已截止. */
export function callStatusTag(call: Pick<CaseCall, 'status' | 'deadline_at' | 'grace_minutes'>, now: number): { label: string; type: TagType } {
  if (call.status === 'draft') return { label: '未发布', type: 'info' }
  if (call.status === 'closed') return { label: '已结束', type: 'info' }
  return now <= closesAt(call) ? { label: '征集中', type: 'success' } : { label: '已截止', type: 'warning' }
}

export const CALL_STATUS_OPTIONS: { value: CaseCall['status']; label: string }[] = [
  { value: 'draft', label: '未发布（草稿）' },
  { value: 'open', label: '征集中' },
  { value: 'closed', label: '已结束' },
]

/** Rules of a new call before a template is loaded: the server's defaults, no lists yet. */
export function emptyRules(): CallRules {
  return {
    unit_types: [],
    forms: [],
    topics: [],
    sections: [],
    min_total: 0,
    max_total: 3000,
    max_authors: 0,
    quota_school: 2,
    quota_district: 10,
    quota_selected: 30,
    min_practice_months: 12,
    max_evidence: 10,
    format: defaultFormat(),
  }
}

/** The Qingdao 附件1 format: title 方正小标宋_GBK 二号, 一、 黑体 三号, （一） 楷体_GB2312 三号, body 仿宋_GB2312 三号, exact 27 pt. */
export function defaultFormat(): DocFormat {
  return {
    title: { font: '方正小标宋_GBK', size_pt: 22 },
    h1: { font: '黑体', size_pt: 16 },
    h2: { font: '楷体_GB2312', size_pt: 16 },
    body: { font: '仿宋_GB2312', size_pt: 16 },
    line_pt: 27,
    indent_chars: 2,
  }
}

/** Problems of a rules form the server would refuse, in words ('' when none). */
export function rulesProblem(r: CallRules): string {
  if (!r.sections.length) return '至少需要一个撰写栏目（可点击“载入青岛2024模板”）'
  const seen = new Set<string>()
  for (const [i, s] of r.sections.entries()) {
    const key = s.key.trim()
    if (!/^[A-Za-z][A-Za-z0-9_]{0,29}$/.test(key)) return `第${i + 1}个栏目的标识应为字母开头的字母、数字或下划线（不超过30个）`
    if (seen.has(key)) return `栏目标识重复：${key}`
    seen.add(key)
    if (!s.heading.trim()) return `请填写第${i + 1}个栏目的标题`
  }
  if (r.min_total > r.max_total) return '全文最少字数不能大于最多字数'
  return ''
}

// ---------------------------------------------------------------- cases

export const CASE_STATUS: Record<CaseStatus, { label: string; type: TagType }> = {
  draft: { label: '草稿', type: 'info' },
  submitted: { label: '已报送', type: 'primary' },
  returned: { label: '已退回', type: 'warning' },
  rejected: { label: '未通过', type: 'danger' },
  recommended: { label: '已推荐', type: 'success' },
  sent: { label: '已报送市局', type: 'success' },
}

export const CASE_STATUS_OPTIONS = (Object.keys(CASE_STATUS) as CaseStatus[]).map((value) => ({ value, label: CASE_STATUS[value].label }))

export function caseStatus(s: string): { label: string; type: TagType } {
  return CASE_STATUS[s as CaseStatus] ?? { label: s, type: 'info' }
}

/** Drafts and returned cases are written; the rest are only read. */
export function caseEditable(s: string): boolean {
  return s === 'draft' || s === 'returned'
}

/** A content object with every field present (older or partial records fill in the blanks). */
export function normalizeContent(c: Partial<CaseContent> | null | undefined): CaseContent {
  return {
    partners: (c?.partners ?? []).map((p) => ({ unit_id: p.unit_id ?? null, name: p.name ?? '' })),
    form: c?.form ?? '',
    topics: [...(c?.topics ?? [])],
    practice_start: c?.practice_start ?? '',
    still_running: !!c?.still_running,
    contact_name: c?.contact_name ?? '',
    contact_phone: c?.contact_phone ?? '',
    authors: [...(c?.authors ?? [])],
    sections: { ...(c?.sections ?? {}) },
  }
}

/**
 * What a save sends: partner rows without a name are left out (the server refuses them), texts
 * are trimmed where the server trims them; section texts are sent exactly as typed.
 */
export function contentForSave(c: CaseContent): CaseContent {
  const partners: Partner[] = c.partners
    .map((p) => ({ unit_id: p.unit_id ?? null, name: p.name.trim() }))
    .filter((p) => p.name !== '')
  return {
    partners,
    form: c.form,
    topics: c.topics.filter((t) => t.trim() !== ''),
    practice_start: c.practice_start ?? '',
    still_running: c.still_running,
    contact_name: c.contact_name.trim(),
    contact_phone: c.contact_phone.trim(),
    authors: c.authors.map((a) => a.trim()).filter((a) => a !== ''),
    sections: { ...c.sections },
  }
}

/** JSON with object keys sorted, so two equal contents compare equal whatever their key order. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** The fingerprint of what would be saved: equal fingerprints need no save. */
export function saveFingerprint(title: string, c: CaseContent): string {
  return stableStringify({ title: title.trim(), content: contentForSave(c) })
}

/**
 * The id of the editor element a check problem's field points at ('' when the problem is not
 * about one field, e.g. the deadline or a quota).
 */
export function fieldAnchor(field: string | null | undefined): string {
  if (!field) return ''
  if (field === 'title') return 'case-field-title'
  const sec = /^content\.sections\.([A-Za-z0-9_]+)/.exec(field)
  if (sec) return `case-sec-${sec[1]}`
  if (field === 'content.sections') return 'case-total'
  const m = /^content\.([a-z_]+)/.exec(field)
  if (!m) return ''
  const name = m[1]!
  if (name === 'still_running') return 'case-field-practice_start'
  return `case-field-${name}`
}

/**
 * What each section of the Qingdao template asks for (附件1), shown as the textarea's
 * placeholder. Calls with other section keys show no hint.
 */
export const SECTION_HINTS: Record<string, string> = {
  overview: '校家社协同育人取得的标志性成果简要介绍。',
  background: '案例组织开展的实际背景情况。',
  content: '案例实际开展的具体内容形式，如工作规划、工作目标，项目建设的内容、体系、实施模式，人员配备、课程建设、资源利用等。',
  practice: '案例开展过程中形成的特色做法、典型经验等具体措施。',
  results: '案例开展以来取得的实际效果，形成的相关课题、模式、显性材料等，获得的上级表彰、认可及获奖、推介等。',
  reflection: '案例开展过程中在组织、机制、政策、实施等方面存在的问题困难、经验总结，实操过程中不足之处的反思，下一步的改进思路等。',
}

/** The call accepts cases from units of this type (unknown type: let the server decide). */
/**
 * Why 撰写案例 is not offered ('' when it is): no call is open, or the open calls are not
 * addressed to this kind of unit (named, so the reason is the real one).
 */
export function cannotWriteReason(
  calls: Pick<CaseCall, 'status' | 'deadline_at' | 'grace_minutes' | 'rules'>[],
  unitType: string | null | undefined,
  unitTypeLabel: string,
  now: number,
): string {
  const open = calls.filter((c) => callAcceptsCases(c, now))
  if (!open.length) return '目前没有正在征集的活动'
  if (!open.some((c) => unitTypeAllowed(c.rules, unitType))) return `正在征集的活动不接受${unitTypeLabel || '本单位这一类型的单位'}报送`
  return ''
}

/** A key for a new writing section that no section of the call has (keys are internal: the text is stored under them). */
export function nextSectionKey(existing: string[]): string {
  let n = existing.length + 1
  while (existing.includes(`section${n}`)) n++
  return `section${n}`
}

export function unitTypeAllowed(rules: Pick<CallRules, 'unit_types'>, unitType: string | null | undefined): boolean {
  return !unitType || rules.unit_types.includes(unitType)
}

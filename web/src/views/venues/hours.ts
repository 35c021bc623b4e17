// The form that writes an opening_hours value: rows of days (周一…周日, 节假日 PH, 学校假期 SH)
// with time spans or 不开放, joined as normal rules ("; ") in the order given, so a later row
// overrides an earlier one on the days it names (节假日不开放 written last wins).

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const
export const DAY_LABELS: Record<string, string> = {
  Mo: '周一',
  Tu: '周二',
  We: '周三',
  Th: '周四',
  Fr: '周五',
  Sa: '周六',
  Su: '周日',
  PH: '法定节假日',
  SH: '学校假期',
}

export interface HoursRow {
  days: string[]
  /** "08:00-12:00,14:00-18:00"; ignored when off */
  spans: string
  off: boolean
}

/** Weekdays as ranges in week order: [Mo,Tu,We,Fr] → "Mo-We,Fr"; PH and SH after them. */
export function dayList(days: string[]): string {
  const idx = DAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0)
  const parts: string[] = []
  for (let k = 0; k < idx.length; ) {
    let j = k
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++
    parts.push(j - k >= 2 ? `${DAYS[idx[k]]}-${DAYS[idx[j]]}` : idx.slice(k, j + 1).map((i) => DAYS[i]).join(','))
    k = j + 1
  }
  for (const extra of ['PH', 'SH']) if (days.includes(extra)) parts.push(extra)
  return parts.join(',')
}

const SPAN = /^([01]\d|2[0-4]):[0-5]\d-([0-3]\d|4[0-8]):[0-5]\d$/

/** Normalises "8:00-12:00，14:00 - 18:00" to "08:00-12:00,14:00-18:00"; "" when a span is not a time range. */
export function normaliseSpans(text: string): string {
  const parts = text
    .replace(/：/g, ':')
    .replace(/\s*[-－—–~～至到]\s*/g, '-')
    .replace(/[，、；;\s]+/g, ',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.replace(/(^|-)(\d):/g, '$10$2:'))
  if (!parts.length || parts.some((p) => !SPAN.test(p))) return ''
  return parts.join(',')
}

/** The value, or an error naming the row (1-based) that cannot be written. */
export function buildHours(rows: HoursRow[]): { value: string; error: string } {
  const rules: string[] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    if (!r.days.length) return { value: '', error: `第${i + 1}行没有选择日期` }
    const days = r.days.length === 7 && DAYS.every((d) => r.days.includes(d)) ? 'Mo-Su' : dayList(r.days)
    if (r.off) {
      rules.push(`${days} off`)
      continue
    }
    const spans = normaliseSpans(r.spans)
    if (!spans) return { value: '', error: `第${i + 1}行的时段应写成 08:00-12:00，多段用逗号分开` }
    rules.push(`${days} ${spans}`)
  }
  return { value: rules.join('; '), error: '' }
}

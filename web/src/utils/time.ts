// Times travel as milliseconds since 1970 UTC and are shown in Asia/Shanghai, whatever the
// browser's own time zone.

export const TIME_ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000 // China has no daylight saving time

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(ms: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of dateTimeFormat.formatToParts(new Date(ms))) out[p.type] = p.value
  return out
}

function valid(ms: number | null | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms)
}

/** "2026-11-23 14:05:09" in Asia/Shanghai; '' for null. */
export function formatDateTime(ms: number | null | undefined): string {
  if (!valid(ms)) return ''
  const p = parts(ms)
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`
}

/** "2026-11-23" in Asia/Shanghai; '' for null. */
export function formatDate(ms: number | null | undefined): string {
  if (!valid(ms)) return ''
  const p = parts(ms)
  return `${p.year}-${p.month}-${p.day}`
}

/**
 * "2026-11-23 08:00:00" (or "2026-11-23") read as Asia/Shanghai wall time → ms since 1970 UTC.
 * Returns undefined for anything else.
 */
export function parseShanghai(text: string | null | undefined): number | undefined {
  if (!text) return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s)
  const check = new Date(utc)
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d!) return undefined
  return utc - SHANGHAI_OFFSET_MS
}

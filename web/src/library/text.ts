// Pure helpers of the public case library (典型案例库): the keyword highlighted in a snippet
// (as text parts, rendered with <mark>, never v-html), the list's filters and page kept in the
// URL query, and the dates and headings of a case laid out like 附件1.

/** The browser tab's title of the library's pages (after the page's own). */
export const SITE_TITLE = '典型案例库 · 家校社协同育人'

/** A piece of text; `mark` when it is the keyword. */
export interface TextPart {
  text: string
  mark: boolean
}

/** Lower-cases A–Z only, so every index stays where it was (the server matches the same way). */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32))
}

/**
 * Splits `text` around every occurrence of `keyword` (ASCII case-insensitive, left to right,
 * not overlapping). An empty keyword, or one not found, gives the text as one unmarked part.
 */
export function highlightParts(text: string, keyword: string): TextPart[] {
  if (!text) return []
  const kw = lowerAscii(keyword.trim())
  if (!kw) return [{ text, mark: false }]
  const hay = lowerAscii(text)
  const parts: TextPart[] = []
  let from = 0
  for (;;) {
    const at = hay.indexOf(kw, from)
    if (at < 0) break
    if (at > from) parts.push({ text: text.slice(from, at), mark: false })
    parts.push({ text: text.slice(at, at + kw.length), mark: true })
    from = at + kw.length
  }
  if (from < text.length) parts.push({ text: text.slice(from), mark: false })
  return parts
}

/** The most characters the server takes in a keyword. */
export const KEYWORD_MAX = 30
/** Cases per page of the list. */
export const PAGE_SIZE = 12

export const FILTER_KEYS = ['year', 'district', 'form', 'topic', 'unit_type'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

/** What the list shows: the keyword, the filters ('' = 全部) and the page (from 1). */
export interface LibraryQuery {
  keyword: string
  year: string
  district: string
  form: string
  topic: string
  unit_type: string
  page: number
}

export function emptyQuery(): LibraryQuery {
  return { keyword: '', year: '', district: '', form: '', topic: '', unit_type: '', page: 1 }
}

/** Cuts a keyword to what the server accepts: trimmed, at most 30 characters. */
export function cleanKeyword(s: string): string {
  return Array.from(s.trim()).slice(0, KEYWORD_MAX).join('').trim()
}

function first(v: unknown): string {
  const x = Array.isArray(v) ? v.find((e) => typeof e === 'string') : v
  return typeof x === 'string' ? x : ''
}

/** The list's query from the URL's (vue-router's route.query); anything odd falls back to 全部 / page 1. */
export function fromRouteQuery(raw: Record<string, unknown>): LibraryQuery {
  const q = emptyQuery()
  q.keyword = cleanKeyword(first(raw.keyword))
  for (const k of FILTER_KEYS) q[k] = first(raw[k]).trim()
  if (!/^\d{4}$/.test(q.year)) q.year = ''
  const page = first(raw.page).trim()
  q.page = /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1
  return q
}

/** The URL query for a list query: empty values and page 1 are left out. */
export function toRouteQuery(q: LibraryQuery): Record<string, string> {
  const out: Record<string, string> = {}
  const keyword = cleanKeyword(q.keyword)
  if (keyword) out.keyword = keyword
  for (const k of FILTER_KEYS) {
    const v = String(q[k] == null ? '' : q[k]).trim()
    if (v) out[k] = v
  }
  if (q.page > 1) out.page = String(Math.floor(q.page))
  return out
}

/** The query string of GET /api/v1/public/library (without the "?"). */
export function toApiQuery(q: LibraryQuery, pageSize = PAGE_SIZE): string {
  const params = new URLSearchParams()
  const route = toRouteQuery(q)
  for (const key of Object.keys(route)) if (key !== 'page') params.set(key, route[key])
  params.set('page', String(Math.max(1, Math.floor(q.page) || 1)))
  params.set('page_size', String(pageSize))
  return params.toString()
}

/** True when any filter or the keyword is set (the 重置 link is worth showing). */
export function isFiltered(q: LibraryQuery): boolean {
  return !!q.keyword || FILTER_KEYS.some((k) => !!q[k])
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, pageSize)))
}

/** "2020-09-01" → "2020年9月" ('' stays ''; anything else is shown as it is). */
export function monthLabel(date: string): string {
  const m = /^(\d{4})-(\d{1,2})/.exec(date || '')
  return m ? `${m[1]}年${Number(m[2])}月` : date || ''
}

/** "2026-12-03" → "2026年12月3日". */
export function dateLabel(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(date || '')
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date || ''
}

/** Body text split on line breaks into paragraphs (blank lines dropped). */
export function paragraphs(text: string): string[] {
  return (text || '')
    .split(/\r\n|\r|\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
}

export interface WriteupSection {
  group: string
  heading: string
  text: string
}

/** One line of the write-up: a level-1 heading (一、…), a level-2 heading (（一）…) or a paragraph. */
export interface WriteupBlock {
  kind: 'level1' | 'level2' | 'para'
  text: string
}

const LEVEL2 = /^[（(][一二三四五六七八九十百〇零]+[）)]/

/**
 * The write-up as 附件1 lays it out: a section's group (二、案例介绍) is a level-1 heading, once,
 * and its own heading under it is level 2; a section without a group has a level-1 heading
 * unless it is numbered （一）.
 */
export function writeupBlocks(sections: WriteupSection[]): WriteupBlock[] {
  const out: WriteupBlock[] = []
  let group = ''
  for (const s of sections || []) {
    const g = (s.group || '').trim()
    const h = (s.heading || '').trim()
    if (g && g !== group) out.push({ kind: 'level1', text: g })
    group = g
    if (h) out.push({ kind: g || LEVEL2.test(h) ? 'level2' : 'level1', text: h })
    for (const p of paragraphs(s.text)) out.push({ kind: 'para', text: p })
  }
  return out
}

/**
 * A 证书编号 as typed (maybe with full-width characters from a Chinese input method, spaces
 * or lower case) in the form the server knows: 2026-007-K7F3Q9XM.
 */
export function normalizeSerial(s: string): string {
  return (s || '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212\u30FC\uFE63]/g, '-')
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase()
}

/** Names joined the Chinese way: 甲、乙、丙 ('' for none). */
export function joinNames(names: string[] | null | undefined): string {
  return (names || []).filter((n) => !!n).join('、')
}

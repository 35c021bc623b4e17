// The public case library's pure helpers: the keyword marked in snippets (as text parts, for
// <mark> without v-html), the list's query in the URL, and the 附件1 layout of a case.
import { describe, expect, it } from 'vitest'
import {
  cleanKeyword,
  dateLabel,
  emptyQuery,
  fromRouteQuery,
  highlightParts,
  isFiltered,
  joinNames,
  monthLabel,
  normalizeSerial,
  pageCount,
  paragraphs,
  toApiQuery,
  toRouteQuery,
  writeupBlocks,
  type LibraryQuery,
} from '@/library/text'

const marked = (text: string, kw: string) => highlightParts(text, kw).map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')

describe('highlightParts', () => {
  it('marks every occurrence of the keyword', () => {
    expect(highlightParts('开展家访，家访后再家访', '家访')).toEqual([
      { text: '开展', mark: false },
      { text: '家访', mark: true },
      { text: '，', mark: false },
      { text: '家访', mark: true },
      { text: '后再', mark: false },
      { text: '家访', mark: true },
    ])
  })
  it('handles the keyword at the start and at the end', () => {
    expect(highlightParts('家访制度与家访', '家访')).toEqual([
      { text: '家访', mark: true },
      { text: '制度与', mark: false },
      { text: '家访', mark: true },
    ])
    expect(highlightParts('家访', '家访')).toEqual([{ text: '家访', mark: true }])
  })
  it('marks adjacent occurrences separately and does not overlap', () => {
    expect(marked('家访家访', '家访')).toBe('[家访][家访]')
    expect(marked('aaa', 'aa')).toBe('[aa]a')
  })
  it('matches ASCII case-insensitively and keeps the original case', () => {
    expect(marked('开展 STEAM 课程与steam社团，Steam', 'Steam')).toBe('开展 [STEAM] 课程与[steam]社团，[Steam]')
    expect(marked('AI 与 ai', 'ai')).toBe('[AI] 与 [ai]')
  })
  it('gives the whole text unmarked for an empty or absent keyword', () => {
    expect(highlightParts('家校社协同', '')).toEqual([{ text: '家校社协同', mark: false }])
    expect(highlightParts('家校社协同', '   ')).toEqual([{ text: '家校社协同', mark: false }])
    expect(highlightParts('家校社协同', '劳动')).toEqual([{ text: '家校社协同', mark: false }])
    expect(highlightParts('', '家访')).toEqual([])
  })
  it('trims the keyword and treats regex characters literally', () => {
    expect(marked('…通过家访了解', ' 家访 ')).toBe('…通过[家访]了解')
    expect(marked('1+1 活动 (a.b)', '(a.b)')).toBe('1+1 活动 [(a.b)]')
    expect(marked('a.b', '.')).toBe('a[.]b')
  })
  it('puts the text back together unchanged', () => {
    const text = '…社区、学校、家庭三方联动，开展家访与家长学校活动…'
    expect(highlightParts(text, '家').map((p) => p.text).join('')).toBe(text)
  })
})

describe('list query in the URL', () => {
  const full: LibraryQuery = { keyword: '家访', year: '2026', district: '历下区', form: '社区+学校', topic: '法治教育', unit_type: 'school', page: 3 }

  it('drops empty values and page 1', () => {
    expect(toRouteQuery(emptyQuery())).toEqual({})
    expect(toRouteQuery({ ...emptyQuery(), keyword: '  ', district: '历下区', page: 1 })).toEqual({ district: '历下区' })
    expect(toRouteQuery({ ...emptyQuery(), page: 2 })).toEqual({ page: '2' })
  })
  it('round-trips through the route query', () => {
    expect(fromRouteQuery(toRouteQuery(full))).toEqual(full)
    expect(fromRouteQuery(toRouteQuery(emptyQuery()))).toEqual(emptyQuery())
    const onlyTopic = { ...emptyQuery(), topic: '劳动教育' }
    expect(fromRouteQuery(toRouteQuery(onlyTopic))).toEqual(onlyTopic)
  })
  it('round-trips through a real URL (encoding of + and Chinese)', () => {
    const qs = new URLSearchParams(toRouteQuery(full)).toString()
    const back = Object.fromEntries(new URLSearchParams(qs).entries())
    expect(fromRouteQuery(back)).toEqual(full)
  })
  it('reads odd URLs as 全部 and page 1', () => {
    expect(fromRouteQuery({ page: '0' }).page).toBe(1)
    expect(fromRouteQuery({ page: '-2' }).page).toBe(1)
    expect(fromRouteQuery({ page: 'abc' }).page).toBe(1)
    expect(fromRouteQuery({ page: '2.5' }).page).toBe(1)
    expect(fromRouteQuery({ page: '4' }).page).toBe(4)
    expect(fromRouteQuery({ year: '26' }).year).toBe('')
    expect(fromRouteQuery({ year: '2025' }).year).toBe('2025')
    expect(fromRouteQuery({ keyword: null, district: undefined })).toEqual(emptyQuery())
    expect(fromRouteQuery({ keyword: ['家访', '劳动'], district: [null, '历城区'] })).toMatchObject({ keyword: '家访', district: '历城区' })
  })
  it('allows a two-character (or one-character) keyword and cuts one over 30 characters', () => {
    expect(fromRouteQuery({ keyword: '家访' }).keyword).toBe('家访')
    expect(fromRouteQuery({ keyword: '家' }).keyword).toBe('家')
    const long = '家'.repeat(40)
    expect(cleanKeyword(long)).toBe('家'.repeat(30))
    expect(fromRouteQuery({ keyword: long }).keyword).toHaveLength(30)
  })
  it('builds the API query with page and page_size', () => {
    const params = new URLSearchParams(toApiQuery(full, 12))
    expect(params.get('keyword')).toBe('家访')
    expect(params.get('form')).toBe('社区+学校')
    expect(params.get('unit_type')).toBe('school')
    expect(params.get('page')).toBe('3')
    expect(params.get('page_size')).toBe('12')
    expect(toApiQuery(emptyQuery())).toBe('page=1&page_size=12')
  })
  it('knows when anything is filtered', () => {
    expect(isFiltered(emptyQuery())).toBe(false)
    expect(isFiltered({ ...emptyQuery(), page: 3 })).toBe(false)
    expect(isFiltered({ ...emptyQuery(), year: '2026' })).toBe(true)
    expect(isFiltered({ ...emptyQuery(), keyword: '家访' })).toBe(true)
  })
  it('counts pages', () => {
    expect(pageCount(0, 12)).toBe(1)
    expect(pageCount(12, 12)).toBe(1)
    expect(pageCount(13, 12)).toBe(2)
  })
})

describe('case page text', () => {
  it('writes dates the Chinese way', () => {
    expect(monthLabel('2020-09-01')).toBe('2020年9月')
    expect(monthLabel('')).toBe('')
    expect(dateLabel('2026-12-03')).toBe('2026年12月3日')
    expect(dateLabel('2026-01-20')).toBe('2026年1月20日')
  })
  it('splits body text into paragraphs', () => {
    expect(paragraphs('第一段。\n\n  第二段。\r\n第三段。\n')).toEqual(['第一段。', '第二段。', '第三段。'])
    expect(paragraphs('')).toEqual([])
  })
  it('lays out the write-up like 附件1', () => {
    const blocks = writeupBlocks([
      { group: '', heading: '一、成果概述', text: '概述。' },
      { group: '二、案例介绍', heading: '（一）实施背景', text: '背景一。\n背景二。' },
      { group: '二、案例介绍', heading: '（二）主要做法', text: '做法。' },
      { group: '', heading: '三、成效与反思', text: '' },
    ])
    expect(blocks).toEqual([
      { kind: 'level1', text: '一、成果概述' },
      { kind: 'para', text: '概述。' },
      { kind: 'level1', text: '二、案例介绍' },
      { kind: 'level2', text: '（一）实施背景' },
      { kind: 'para', text: '背景一。' },
      { kind: 'para', text: '背景二。' },
      { kind: 'level2', text: '（二）主要做法' },
      { kind: 'para', text: '做法。' },
      { kind: 'level1', text: '三、成效与反思' },
    ])
  })
  it('joins names with 、', () => {
    expect(joinNames(['甲小学', '乙社区'])).toBe('甲小学、乙社区')
    expect(joinNames([])).toBe('')
  })
})

describe('normalizeSerial', () => {
  it('accepts what people type', () => {
    expect(normalizeSerial('2026-007-K7F3Q9XM')).toBe('2026-007-K7F3Q9XM')
    expect(normalizeSerial(' 2026-007-k7f3q9xm ')).toBe('2026-007-K7F3Q9XM')
    expect(normalizeSerial('２０２６－００７－Ｋ７Ｆ３Ｑ９ＸＭ')).toBe('2026-007-K7F3Q9XM')
    expect(normalizeSerial('2026 — 007 — K7F3 Q9XM')).toBe('2026-007-K7F3Q9XM')
    expect(normalizeSerial('')).toBe('')
  })
})

import { describe, expect, it } from 'vitest'
import { buildHours, dayList, normaliseSpans } from '@/views/venues/hours'
import { filtersFromQuery, filtersToQuery, walkLabel } from '@/map/text'

describe('the opening-hours form', () => {
  it('writes weekdays as ranges in week order, holidays last', () => {
    expect(dayList(['Fr', 'Mo', 'Tu', 'We'])).toBe('Mo-We,Fr')
    expect(dayList(['Sa', 'Su'])).toBe('Sa,Su')
    expect(dayList(['SH', 'Sa', 'PH'])).toBe('Sa,PH,SH')
    expect(dayList(['Mo', 'We', 'Fr'])).toBe('Mo,We,Fr')
  })
  it('normalises what people type for times and refuses what is not a time range', () => {
    expect(normaliseSpans('8:00-12:00，14:00 - 18:00')).toBe('08:00-12:00,14:00-18:00')
    expect(normaliseSpans('22:00至26:00')).toBe('22:00-26:00')
    expect(normaliseSpans('早上八点')).toBe('')
    expect(normaliseSpans('08:00-12:60')).toBe('')
    expect(normaliseSpans('')).toBe('')
  })
  it('joins rows as normal rules, a later closing row winning on its days', () => {
    const r = buildHours([
      { days: ['Mo', 'Tu', 'We', 'Th', 'Fr'], spans: '16:00-20:00', off: false },
      { days: ['Sa', 'Su', 'SH'], spans: '08:00-20:00', off: false },
      { days: ['PH'], spans: '', off: true },
    ])
    expect(r).toEqual({ value: 'Mo-Fr 16:00-20:00; Sa,Su,SH 08:00-20:00; PH off', error: '' })
    expect(buildHours([{ days: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'], spans: '05:00-22:00', off: false }]).value).toBe('Mo-Su 05:00-22:00')
  })
  it('names the row it cannot write', () => {
    expect(buildHours([{ days: ['Mo'], spans: '9-17', off: false }]).error).toContain('第1行')
    expect(buildHours([{ days: ['Mo'], spans: '09:00-17:00', off: false }, { days: [], spans: '', off: true }]).error).toContain('第2行没有选择日期')
  })
})

describe('the public map filters', () => {
  it('read only known values from the address and write only what is set', () => {
    const f = filtersFromQuery({ kind: 'sports', audience: 'adult', open: '2026-12-05T10:00', age: '120', free: '1' })
    expect(f.audience).toBe('')
    expect(f.age).toBe('')
    expect(f.open).toBe('2026-12-05T10:00')
    expect(filtersToQuery(f)).toEqual({ kind: 'sports', free: '1', open: '2026-12-05T10:00' })
    expect(filtersFromQuery({ open: 'tomorrow' }).open).toBe('')
  })
  it('says walking times in words', () => {
    expect(walkLabel(0.4)).toBe('不到 1 分钟')
    expect(walkLabel(6.4)).toBe('约 6 分钟')
  })
})

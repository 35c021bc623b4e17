import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, parseShanghai } from '@/utils/time'

describe('formatDateTime (Asia/Shanghai)', () => {
  it.each([
    [Date.UTC(2026, 10, 23, 6, 5, 9), '2026-11-23 14:05:09'],
    // 16:30 UTC is already the next day in Shanghai
    [Date.UTC(2026, 0, 31, 16, 30, 0), '2026-02-01 00:30:00'],
    [0, '1970-01-01 08:00:00'],
    // midnight shows as 00, never 24
    [Date.UTC(2025, 5, 30, 16, 0, 0), '2025-07-01 00:00:00'],
  ])('%i → %s', (ms, text) => {
    expect(formatDateTime(ms)).toBe(text)
  })

  it('is empty for null and undefined', () => {
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime(undefined)).toBe('')
    expect(formatDate(null)).toBe('')
  })

  it('formats dates alone', () => {
    expect(formatDate(Date.UTC(2026, 10, 23, 20, 0, 0))).toBe('2026-11-24')
  })
})

describe('parseShanghai', () => {
  it('reads wall-clock time in Asia/Shanghai', () => {
    expect(parseShanghai('2026-11-23 08:00:00')).toBe(Date.UTC(2026, 10, 23, 0, 0, 0))
    expect(parseShanghai('2026-11-23')).toBe(Date.UTC(2026, 10, 22, 16, 0, 0))
    expect(parseShanghai('2026-11-23 23:59:59')).toBe(Date.UTC(2026, 10, 23, 15, 59, 59))
  })

  it('round-trips with formatDateTime', () => {
    const text = '2027-03-09 17:45:12'
    expect(formatDateTime(parseShanghai(text)!)).toBe(text)
  })

  it('refuses what is not a date', () => {
    expect(parseShanghai('')).toBeUndefined()
    expect(parseShanghai(null)).toBeUndefined()
    expect(parseShanghai('23/11/2026')).toBeUndefined()
    expect(parseShanghai('2026-02-30')).toBeUndefined()
  })
})

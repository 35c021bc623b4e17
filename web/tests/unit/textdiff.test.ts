import { describe, expect, it } from 'vitest'
import { diffText, sides } from '@/utils/textdiff'

describe('diffText', () => {
  it('finds a local change', () => {
    expect(diffText('家校社协同育人', '家校社共同育人')).toEqual([
      { op: 'eq', text: '家校社' },
      { op: 'del', text: '协' },
      { op: 'ins', text: '共' },
      { op: 'eq', text: '同育人' },
    ])
  })
  it('handles empty sides and identical texts', () => {
    expect(diffText('', '')).toEqual([])
    expect(diffText('', '新增')).toEqual([{ op: 'ins', text: '新增' }])
    expect(diffText('删除', '')).toEqual([{ op: 'del', text: '删除' }])
    expect(diffText('相同', '相同')).toEqual([{ op: 'eq', text: '相同' }])
  })
  it('never splits a character outside the BMP', () => {
    const parts = diffText('𠮷野家', '𠮷田家')
    for (const p of parts) expect(p.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(sides(parts)).toEqual({ a: '𠮷野家', b: '𠮷田家' })
  })
  it('rebuilds both texts from 500 random pairs', () => {
    const alphabet = ['甲', '乙', '丙', 'a', ' ', '𠮷', '，']
    let seed = 20261123
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const text = () => Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('')
    for (let n = 0; n < 500; n++) {
      const a = text()
      const b = text()
      const parts = diffText(a, b)
      expect(sides(parts)).toEqual({ a, b })
      parts.forEach((p, i) => expect(i === 0 || parts[i - 1]!.op !== p.op).toBe(true))
    }
  })
  it('keeps a 3000-字 comparison fast', () => {
    const a = '协同育人'.repeat(750)
    const b = a.slice(0, 1500) + '新增一句。' + a.slice(1500)
    const t0 = performance.now()
    const parts = diffText(a, b)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(parts.filter((p) => p.op !== 'eq').map((p) => p.text)).toEqual(['新增一句。'])
  })
})

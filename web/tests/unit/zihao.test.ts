import { describe, expect, it } from 'vitest'
import { defaultFormat } from '@/views/cases/editor'
import { DOC_FONTS, ZIHAO, zihaoLabel } from '@/utils/zihao'

describe('字号', () => {
  it('names the official sizes', () => {
    expect(zihaoLabel(16)).toBe('三号（16磅）')
    expect(zihaoLabel(22)).toBe('二号（22磅）')
    expect(zihaoLabel(10.5)).toBe('五号（10.5磅）')
    expect(zihaoLabel(13)).toBe('13磅')
  })
  it('lists sizes from large to small', () => {
    const pts = ZIHAO.map((z) => z.pt)
    expect([...pts].sort((a, b) => b - a)).toEqual(pts)
  })
  it('the default format is the Qingdao 附件1 one and uses known fonts', () => {
    const f = defaultFormat()
    expect(f.title).toEqual({ font: '方正小标宋_GBK', size_pt: 22 })
    expect(f.body).toEqual({ font: '仿宋_GB2312', size_pt: 16 })
    expect(f.line_pt).toBe(27)
    for (const s of [f.title, f.h1, f.h2, f.body]) expect(DOC_FONTS).toContain(s.font)
  })
})

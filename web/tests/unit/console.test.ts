import { describe, expect, it } from 'vitest'
import { emptyWorkbenchText } from '@/api/workbench'

describe('the empty 工作台', () => {
  it('tells a department what the platform will offer it, without inventing work', () => {
    expect(emptyWorkbenchText('department')).toMatch(/会商事项/)
    expect(emptyWorkbenchText('department')).toMatch(/不要求打卡/)
  })
  it('tells schools and bureaus when things will appear', () => {
    expect(emptyWorkbenchText('school')).toMatch(/退回/)
    expect(emptyWorkbenchText('district_bureau')).toMatch(/初评/)
  })
  it('speaks to social units and unknown types too', () => {
    expect(emptyWorkbenchText('museum')).toMatch(/活动记录/)
    expect(emptyWorkbenchText(undefined)).not.toBe('')
  })
})

import { cannotWriteReason } from '@/views/cases/editor'

describe('why 撰写案例 is not offered', () => {
  const rules = { unit_types: ['school', 'museum'] } as never
  const open = { status: 'open', deadline_at: Date.now() + 86_400_000, grace_minutes: 0, rules }
  it('names the real reason', () => {
    expect(cannotWriteReason([], 'school', '学校', Date.now())).toBe('目前没有正在征集的活动')
    expect(cannotWriteReason([open as never], 'community', '社区', Date.now())).toBe('正在征集的活动不接受社区报送')
    expect(cannotWriteReason([open as never], 'school', '学校', Date.now())).toBe('')
  })
  it('counts a call past its deadline as closed', () => {
    const late = { ...open, deadline_at: Date.now() - 86_400_000 }
    expect(cannotWriteReason([late as never], 'school', '学校', Date.now())).toBe('目前没有正在征集的活动')
  })
})

import { nextSectionKey } from '@/views/cases/editor'

describe('a new writing section gets its own key', () => {
  it('never repeats a key the call has', () => {
    expect(nextSectionKey([])).toBe('section1')
    expect(nextSectionKey(['overview', 'background'])).toBe('section3')
    expect(nextSectionKey(['section2', 'section3'])).toBe('section4')
    expect(nextSectionKey(['a', 'section2'])).toBe('section3')
  })
})

import { quoted } from '@/utils/confirm'

describe('names quoted in confirmations', () => {
  it('quotes once, however the name is written', () => {
    expect(quoted('家长夜校')).toBe('“家长夜校”')
    expect(quoted('“家长学校进社区”')).toBe('“家长学校进社区”')
    expect(quoted('"家长学校进社区"')).toBe('“家长学校进社区”')
    expect(quoted('“家长学校进社区”：协同育人实践')).toBe('“‘家长学校进社区’：协同育人实践”')
    expect(quoted('  签到表 ')).toBe('“签到表”')
  })
})

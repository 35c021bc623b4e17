import { describe, expect, it } from 'vitest'
import type { CaseContent, CaseSection } from '@/api/cases-types'
import { compareVersions } from '@/views/cases/edit/compare'

const sections: CaseSection[] = [
  { key: 'overview', heading: '一、成果概述', group: '', required: true, max: 500 },
  { key: 'background', heading: '（一）实施背景', group: '二、案例介绍', required: true, max: 0 },
]
const content = (over: Partial<CaseContent>): CaseContent => ({
  partners: [{ unit_id: null, name: '泉城路社区' }],
  form: '社区+学校',
  topics: ['法治教育'],
  practice_start: '2023-09-01',
  still_running: true,
  contact_name: '王老师',
  contact_phone: '0531-86001234',
  authors: [],
  sections: { overview: '开展家长课堂。', background: '' },
  ...over,
})

describe('compareVersions', () => {
  it('lists every field in form order and marks the changed ones', () => {
    const a = { title: '初稿', content: content({}) }
    const b = { title: '初稿', content: content({ contact_name: '李老师', sections: { overview: '开展家长课堂十二次。', background: '新写' } }) }
    const out = compareVersions(a, b, sections)
    expect(out.map((c) => c.label)).toEqual(['案例名称', '合作单位', '协同形式', '聚焦主题', '实践起始时间', '联系人', '联系电话', '一、成果概述', '（一）实施背景'])
    expect(out.filter((c) => c.changed).map((c) => c.label)).toEqual(['联系人', '一、成果概述', '（一）实施背景'])
    const overview = out.find((c) => c.label === '一、成果概述')!
    expect(overview.parts.filter((p) => p.op === 'ins').map((p) => p.text)).toEqual(['十二次'])
  })
  it('treats a section missing from an old version as empty', () => {
    const a = { title: 't', content: content({ sections: {} }) }
    const b = { title: 't', content: content({}) }
    const c = compareVersions(a, b, sections).find((x) => x.label === '一、成果概述')!
    expect(c.changed).toBe(true)
    expect(c.parts).toEqual([{ op: 'ins', text: '开展家长课堂。' }])
  })
})

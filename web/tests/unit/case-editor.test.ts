import { describe, expect, it } from 'vitest'
import type { CaseSection } from '@/api/cases-types'
import {
  callAcceptsCases,
  callStatusTag,
  caseEditable,
  contentForSave,
  countSections,
  deadlineText,
  fieldAnchor,
  graceText,
  groupSections,
  latestPracticeStart,
  normalizeContent,
  parseYmd,
  practiceLongEnough,
  practiceWarning,
  quotaSummary,
  rulesProblem,
  saveFingerprint,
  sectionCounterText,
  sectionState,
  totalCounterText,
  totalState,
  emptyRules,
  unitTypeAllowed,
} from '@/views/cases/editor'

const sec = (key: string, heading: string, group = '', max = 0): CaseSection => ({ key, heading, group, required: true, max })

// The Qingdao 2024 template (附件1).
const QINGDAO: CaseSection[] = [
  sec('overview', '一、成果概述', '', 500),
  sec('background', '（一）实施背景', '二、案例介绍'),
  sec('content', '（二）主体内容', '二、案例介绍'),
  sec('practice', '（三）特色做法', '二、案例介绍'),
  sec('results', '（四）实践成效', '二、案例介绍'),
  sec('reflection', '（五）实践反思', '二、案例介绍'),
]

describe('groupSections', () => {
  const shape = (s: CaseSection[]) => groupSections(s).map((b) => [b.heading, b.standalone, b.sections.map((x) => x.key)])

  it.each<[string, CaseSection[], unknown[]]>([
    [
      'Qingdao: 一、成果概述 alone, then 二、案例介绍 with (一)…(五)',
      QINGDAO,
      [
        ['一、成果概述', true, ['overview']],
        ['二、案例介绍', false, ['background', 'content', 'practice', 'results', 'reflection']],
      ],
    ],
    ['no sections', [], []],
    ['only level-1 sections', [sec('a', '一、甲'), sec('b', '二、乙')], [['一、甲', true, ['a']], ['二、乙', true, ['b']]]],
    [
      'a group split by a standalone section keeps the order',
      [sec('a', '（一）', '一、X'), sec('b', '二、Y'), sec('c', '（一）', '一、X')],
      [['一、X', false, ['a']], ['二、Y', true, ['b']], ['一、X', false, ['c']]],
    ],
    [
      'two groups one after the other',
      [sec('a', '（一）', '一、X'), sec('b', '（二）', '一、X'), sec('c', '（一）', '二、Y')],
      [['一、X', false, ['a', 'b']], ['二、Y', false, ['c']]],
    ],
    ['a blank group counts as none', [sec('a', '一、甲', '  ')], [['一、甲', true, ['a']]]],
  ])('%s', (_name, input, expected) => {
    expect(shape(input)).toEqual(expected)
  })
})

describe('countSections', () => {
  it.each<[string, Record<string, string>, Record<string, number>, number]>([
    ['empty', {}, { overview: 0, background: 0, content: 0, practice: 0, results: 0, reflection: 0 }, 0],
    [
      'Chinese, punctuation, Latin letters and digits count one each; white space does not',
      { overview: '协同育人，成效显著。', background: 'AI 课程 2024 年\n开设', reflection: '　全角空格不计　' },
      { overview: 10, background: 11, content: 0, practice: 0, results: 0, reflection: 6 },
      27,
    ],
    [
      'text under a key the call does not have is not counted',
      { overview: '一二三', unknown: '四五六七' },
      { overview: 3, background: 0, content: 0, practice: 0, results: 0, reflection: 0 },
      3,
    ],
    [
      'astral characters (𠮷) count once',
      { results: '𠮷野家😀' },
      { overview: 0, background: 0, content: 0, practice: 0, results: 4, reflection: 0 },
      4,
    ],
  ])('%s', (_name, texts, perSection, total) => {
    const c = countSections(QINGDAO, texts)
    expect(c.sections).toEqual(perSection)
    expect(c.total).toBe(total)
  })

  it('counts a 501-字 summary as over its 500 limit', () => {
    const c = countSections(QINGDAO, { overview: '字'.repeat(501) })
    expect(sectionState(c.sections.overview!, 500)).toBe('over')
    expect(sectionCounterText(c.sections.overview!, 500)).toBe('已写 501 字 / 限 500 字')
  })
})

describe('counter states and texts', () => {
  it.each<[number, number, string, string]>([
    [0, 500, 'empty', '已写 0 字 / 限 500 字'],
    [500, 500, 'ok', '已写 500 字 / 限 500 字'],
    [501, 500, 'over', '已写 501 字 / 限 500 字'],
    [9999, 0, 'ok', '已写 9999 字'],
  ])('section %i of %i → %s', (n, max, state, text) => {
    expect(sectionState(n, max)).toBe(state)
    expect(sectionCounterText(n, max)).toBe(text)
  })

  it.each<[number, number, number, string, string]>([
    [0, 0, 3000, 'empty', '全文 0 / 3000 字'],
    [3000, 0, 3000, 'ok', '全文 3000 / 3000 字'],
    [3001, 0, 3000, 'over', '全文 3001 / 3000 字'],
    [100, 500, 3000, 'under', '全文 100 / 3000 字'],
    [100, 0, 0, 'ok', '全文 100 字'],
  ])('total %i (min %i, max %i) → %s', (total, min, max, state, text) => {
    expect(totalState(total, min, max)).toBe(state)
    expect(totalCounterText(total, max)).toBe(text)
  })
})

describe('practice length (month precision, like the server)', () => {
  it.each<[string, string, number, boolean]>([
    ['2023-05-13', '2024-05-13', 12, true], // exactly 12 months
    ['2023-05-14', '2024-05-13', 12, false], // one day short
    ['2023-05-12', '2024-05-13', 12, true],
    ['2023-04-30', '2024-05-13', 12, true],
    ['2023-06-01', '2024-05-13', 12, false],
    ['2020-09-01', '2024-05-13', 12, true],
    ['2024-05-13', '2024-05-13', 0, true],
    ['2024-05-14', '2024-05-13', 0, false],
    // same month after adding: the days are compared as they are (the server does not clamp 03-31 + 11 months to 02-29)
    ['2023-03-31', '2024-02-29', 11, false],
    ['2023-03-29', '2024-02-29', 11, true],
    ['2022-12-31', '2024-01-01', 12, true],
    ['2023-01-02', '2024-01-01', 12, false],
    ['', '2024-05-13', 12, false],
    ['2023-02-29', '2024-05-13', 12, false], // not a date
    ['2023-05-13', 'soon', 12, false],
  ])('%s → %s with %i months: %s', (start, deadline, months, ok) => {
    expect(practiceLongEnough(start, deadline, months)).toBe(ok)
  })

  it.each<[string, number, string]>([
    ['2024-05-13', 12, '2023-05-13'],
    ['2024-03-31', 1, '2024-02-29'], // leap year: last day of February
    ['2023-03-31', 1, '2023-02-28'],
    ['2024-01-15', 1, '2023-12-15'],
    ['2024-01-15', 25, '2021-12-15'],
    ['2024-05-13', 0, '2024-05-13'],
    ['bad', 12, ''],
  ])('latest start for deadline %s and %i months is %s', (deadline, months, start) => {
    expect(latestPracticeStart(deadline, months)).toBe(start)
    if (start) expect(practiceLongEnough(start, deadline, months)).toBe(true)
  })

  it('the day after the latest start is too late', () => {
    expect(practiceLongEnough('2023-05-14', '2024-05-13', 12)).toBe(false)
    expect(practiceLongEnough('2024-03-01', '2024-03-31', 1)).toBe(false)
  })

  it.each<[string, string, number, string]>([
    ['', '2024-05-13', 12, ''],
    ['2020-09-01', '2024-05-13', 12, ''],
    ['2023-09-01', '2024-05-13', 12, '距截止日 2024-05-13 不足12个月的连续实践，须在 2023-05-13 或之前开始'],
    ['2023-09-01', '2024-05-13', 0, ''],
    ['2023/09/01', '2024-05-13', 12, '日期格式应为 YYYY-MM-DD'],
  ])('warning for %s before %s (%i months)', (start, deadline, months, text) => {
    expect(practiceWarning(start, deadline, months)).toBe(text)
  })

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['2024-4-01', false],
  ])('parseYmd(%s) valid: %s', (s, ok) => {
    expect(parseYmd(s) !== null).toBe(ok)
  })
})

describe('calls', () => {
  const deadline_at = Date.UTC(2024, 4, 13, 15, 59, 59) // 2024-05-13 23:59:59 in Shanghai
  it('summarises quotas', () => {
    expect(quotaSummary({ quota_school: 2, quota_district: 10, quota_selected: 30 })).toBe('局属学校≤2 · 区县≤10 · 评选≤30')
  })
  it.each([
    [0, ''],
    [30, '30分钟'],
    [120, '2小时'],
    [1505, '1天1小时5分钟'],
  ])('grace %i → %s', (m, text) => expect(graceText(m)).toBe(text))
  it('shows the deadline in Shanghai time with the grace', () => {
    expect(deadlineText({ deadline_at, grace_minutes: 0 })).toBe('2024-05-13 23:59:59')
    expect(deadlineText({ deadline_at, grace_minutes: 30 })).toBe('2024-05-13 23:59:59（宽限30分钟）')
  })
  it.each<[string, number, number, boolean, string]>([
    ['open', 0, deadline_at, true, '征集中'],
    ['open', 0, deadline_at + 1, false, '已截止'],
    ['open', 30, deadline_at + 30 * 60_000, true, '征集中'],
    ['open', 30, deadline_at + 30 * 60_000 + 1, false, '已截止'],
    ['draft', 0, 0, false, '未发布'],
    ['closed', 0, 0, false, '已结束'],
  ])('%s call, grace %i, at %i: accepts %s (%s)', (status, grace, now, accepts, label) => {
    const call = { status: status as 'open', deadline_at, grace_minutes: grace }
    expect(callAcceptsCases(call, now)).toBe(accepts)
    expect(callStatusTag(call, now).label).toBe(label)
  })
  it.each<[string[], string | undefined, boolean]>([
    [['school', 'community'], 'school', true],
    [['school', 'community'], 'district_bureau', false],
    [[], 'school', false],
    [['school'], undefined, true], // unknown: the server decides
  ])('unit types %j accept %s: %s', (types, t, ok) => expect(unitTypeAllowed({ unit_types: types }, t)).toBe(ok))

  it('checks a rules form before it goes to the server', () => {
    const r = emptyRules()
    expect(rulesProblem(r)).toMatch(/至少需要一个撰写栏目/)
    r.sections = [...QINGDAO]
    expect(rulesProblem(r)).toBe('')
    r.sections = [...QINGDAO, sec('overview', '重复')]
    expect(rulesProblem(r)).toBe('栏目标识重复：overview')
    r.sections = [sec('1abc', '标题')]
    expect(rulesProblem(r)).toMatch(/字母开头/)
    r.sections = [sec('a', ' ')]
    expect(rulesProblem(r)).toBe('请填写第1个栏目的标题')
    r.sections = [sec('a', '标题')]
    r.min_total = 4000
    expect(rulesProblem(r)).toBe('全文最少字数不能大于最多字数')
  })
})

describe('cases', () => {
  it.each([
    ['draft', true],
    ['returned', true],
    ['submitted', false],
    ['recommended', false],
    ['sent', false],
    ['rejected', false],
  ])('%s editable: %s', (s, ok) => expect(caseEditable(s)).toBe(ok))

  it('fills the blanks of a partial content', () => {
    const c = normalizeContent({ form: '社区+学校', sections: { overview: 'x' } })
    expect(c).toEqual({
      partners: [],
      form: '社区+学校',
      topics: [],
      practice_start: '',
      still_running: false,
      contact_name: '',
      contact_phone: '',
      authors: [],
      sections: { overview: 'x' },
    })
  })

  it('leaves blank partner rows out of a save and keeps section texts as typed', () => {
    const c = normalizeContent({
      partners: [
        { unit_id: 7, name: ' 八大湖街道社区 ' },
        { unit_id: null, name: '   ' },
        { unit_id: null, name: '青岛市博物馆' },
      ],
      contact_name: ' 王老师 ',
      sections: { overview: '  第一段\n\n第二段  ' },
    })
    const s = contentForSave(c)
    expect(s.partners).toEqual([
      { unit_id: 7, name: '八大湖街道社区' },
      { unit_id: null, name: '青岛市博物馆' },
    ])
    expect(s.contact_name).toBe('王老师')
    expect(s.sections.overview).toBe('  第一段\n\n第二段  ')
  })

  it('fingerprints ignore key order and blank partner rows', () => {
    const a = normalizeContent({ sections: { a: '1', b: '2' }, partners: [{ unit_id: null, name: 'X' }] })
    const b = normalizeContent({ sections: { b: '2', a: '1' }, partners: [{ unit_id: null, name: 'X' }, { unit_id: null, name: '' }] })
    expect(saveFingerprint('题目', a)).toBe(saveFingerprint(' 题目 ', b))
    b.sections.a = '1 '
    expect(saveFingerprint('题目', a)).not.toBe(saveFingerprint('题目', b))
  })

  it.each([
    ['content.sections.overview', 'case-sec-overview'],
    ['content.sections', 'case-total'],
    ['content.partners', 'case-field-partners'],
    ['content.partners[0].name', 'case-field-partners'],
    ['content.practice_start', 'case-field-practice_start'],
    ['content.still_running', 'case-field-practice_start'],
    ['content.contact_phone', 'case-field-contact_phone'],
    ['title', 'case-field-title'],
    ['', ''],
    ['deadline_date', ''],
  ])('field %s → #%s', (field, id) => expect(fieldAnchor(field)).toBe(id))
})

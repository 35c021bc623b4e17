import { describe, expect, it } from 'vitest'
import type { Sheet } from '@/api/review'
import { missingCriteria, newCriterionKey, sheetProblem, sheetTotal, weightSum } from '@/views/review/review'

const sheet = (): Sheet => ({
  criteria: [
    { key: 'a', name: '代表性', description: '', weight: 60, min: 0, max: 10 },
    { key: 'b', name: '创新性', description: '', weight: 40, min: 1, max: 5 },
  ],
  comment_label: '评审意见',
  comment_required: false,
  disagreement: 15,
})

describe('review sheet rules', () => {
  it('totals as the server does: weighted share of each range, unscored counts 0', () => {
    expect(sheetTotal(sheet(), { a: 10, b: 5 })).toBe(100)
    expect(sheetTotal(sheet(), { a: 5, b: 3 })).toBe(50)
    expect(sheetTotal(sheet(), { a: 5, b: null })).toBe(30)
    expect(sheetTotal(sheet(), {})).toBe(0)
  })
  it('lists what is not scored yet', () => {
    expect(missingCriteria(sheet(), { a: 3 })).toEqual(['创新性'])
    expect(missingCriteria(sheet(), { a: 3, b: 0 })).toEqual([])
  })
  it('finds the first problem of an edited sheet', () => {
    expect(sheetProblem(sheet())).toBe('')
    const s = sheet()
    s.criteria[1].weight = 30
    expect(weightSum(s.criteria)).toBe(90)
    expect(sheetProblem(s)).toContain('现为90')
    s.criteria[1].weight = 40
    s.criteria[1].max = 1
    expect(sheetProblem(s)).toContain('分值范围')
    s.criteria[1].max = 5
    s.criteria[1].name = '代表性'
    expect(sheetProblem(s)).toContain('重复')
    expect(sheetProblem({ ...s, criteria: [] })).toContain('至少')
  })
  it('makes keys that are not taken', () => {
    expect(newCriterionKey(sheet().criteria)).toBe('c3')
    expect(newCriterionKey([{ key: 'c2', name: 'x', description: '', weight: 1, min: 0, max: 1 }])).toBe('c3')
  })
})

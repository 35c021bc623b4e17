// Rules the review pages share: the sheet's total as the server computes it, labels, checks.
import type { Criterion, Sheet, SheetState, ReviewStatus } from '@/api/review'

/** Σ weight × (score − min) / (max − min), to 0.01: the server's sheet_total. */
export function sheetTotal(sheet: Sheet, scores: Record<string, number | null | undefined>): number {
  let t = 0
  for (const c of sheet.criteria) {
    const v = scores[c.key]
    if (v === null || v === undefined || c.max <= c.min) continue
    t += (c.weight * (v - c.min)) / (c.max - c.min)
  }
  return Math.round(t * 100) / 100
}

export function weightSum(criteria: Criterion[]): number {
  return Math.round(criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0) * 100) / 100
}

/** The first problem of a sheet being edited, or '' (the server checks the same). */
export function sheetProblem(sheet: Sheet): string {
  if (!sheet.criteria.length) return '评分表至少需要一个评分项'
  const names = new Set<string>()
  for (const c of sheet.criteria) {
    if (!c.name.trim()) return '请填写每个评分项的名称'
    if (names.has(c.name.trim())) return `评分项重复：${c.name}`
    names.add(c.name.trim())
    if (!(c.weight > 0)) return `“${c.name}”的权重应大于0`
    if (!(c.max > c.min) || c.min < 0) return `“${c.name}”的分值范围不正确：最高分应大于最低分`
  }
  const sum = weightSum(sheet.criteria)
  if (Math.abs(sum - 100) > 1e-6) return `各评分项权重之和应为100（现为${sum}）`
  return ''
}

/** Criteria not scored yet, by name. */
export function missingCriteria(sheet: Sheet, scores: Record<string, number | null | undefined>): string[] {
  return sheet.criteria.filter((c) => scores[c.key] === null || scores[c.key] === undefined).map((c) => c.name)
}

export const SHEET_STATE: Record<SheetState, { label: string; type: 'info' | 'warning' | 'success' }> = {
  new: { label: '未开始', type: 'info' },
  draft: { label: '草稿', type: 'warning' },
  submitted: { label: '已提交', type: 'success' },
}

export const REVIEW_STATUS: Record<ReviewStatus, { label: string; type: 'primary' | 'warning' | 'success' }> = {
  open: { label: '评分中', type: 'primary' },
  closed: { label: '评分已结束', type: 'warning' },
  published: { label: '结果已发布', type: 'success' },
}

export function score2(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(2)
}

/** A new criterion key not used by the sheet yet. */
export function newCriterionKey(criteria: Criterion[]): string {
  for (let i = criteria.length + 1; ; i++) {
    const k = `c${i}`
    if (!criteria.some((c) => c.key === k)) return k
  }
}

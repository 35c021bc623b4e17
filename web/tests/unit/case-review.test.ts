import { describe, expect, it } from 'vitest'
import type { BoardRow } from '@/api/cases-review'
import {
  BOARD_COLUMNS,
  REVIEW_STATUS_OPTIONS,
  boardTotals,
  clockText,
  defaultCallId,
  mergeRemarks,
  moveItem,
  packageBody,
  quotaText,
  reviewStatus,
  sameOrder,
  sendProblem,
  sendWords,
} from '@/views/cases/review/review'

describe('review statuses', () => {
  it('speaks the reviewer’s words', () => {
    expect(reviewStatus('submitted')).toEqual({ label: '待初评', type: 'primary' })
    expect(reviewStatus('returned').label).toBe('已退回')
    expect(reviewStatus('rejected')).toEqual({ label: '不予推荐', type: 'danger' })
    expect(reviewStatus('recommended').label).toBe('已推荐')
    expect(reviewStatus('sent').label).toBe('已报送市局')
    expect(reviewStatus('draft').label).toBe('草稿')
    expect(reviewStatus('weird')).toEqual({ label: 'weird', type: 'info' })
  })
  it('offers the five review statuses as filters, drafts not among them', () => {
    expect(REVIEW_STATUS_OPTIONS.map((o) => o.value)).toEqual(['submitted', 'returned', 'rejected', 'recommended', 'sent'])
  })
})

describe('defaultCallId', () => {
  const calls = [
    { id: 3, status: 'closed' as const, created_at: 300 },
    { id: 1, status: 'open' as const, created_at: 100 },
    { id: 2, status: 'open' as const, created_at: 200 },
  ]
  it('takes the call named in the address when it exists', () => {
    expect(defaultCallId(calls, 1)).toBe(1)
    expect(defaultCallId(calls, 99)).toBe(2)
  })
  it('else the newest open call, else the first', () => {
    expect(defaultCallId(calls)).toBe(2)
    expect(defaultCallId([{ id: 7, status: 'closed', created_at: 1 }, { id: 8, status: 'draft', created_at: 2 }])).toBe(7)
    expect(defaultCallId([])).toBeNull()
  })
})

describe('moveItem', () => {
  it('moves up, down and to a dropped place', () => {
    expect(moveItem([1, 2, 3, 4], 2, 1)).toEqual([1, 3, 2, 4])
    expect(moveItem([1, 2, 3, 4], 0, 1)).toEqual([2, 1, 3, 4])
    expect(moveItem([1, 2, 3, 4], 0, 3)).toEqual([2, 3, 4, 1])
    expect(moveItem([1, 2, 3, 4], 3, 0)).toEqual([4, 1, 2, 3])
  })
  it('clamps the target and ignores a bad source; never changes its input', () => {
    const list = [1, 2, 3]
    expect(moveItem(list, 1, 10)).toEqual([1, 3, 2])
    expect(moveItem(list, 1, -5)).toEqual([2, 1, 3])
    expect(moveItem(list, 5, 0)).toEqual([1, 2, 3])
    expect(moveItem(list, 1, 1)).toEqual([1, 2, 3])
    expect(list).toEqual([1, 2, 3])
  })
  it('sameOrder compares orders', () => {
    expect(sameOrder([1, 2], [1, 2])).toBe(true)
    expect(sameOrder([1, 2], [2, 1])).toBe(false)
    expect(sameOrder([1], [1, 2])).toBe(false)
  })
})

describe('package', () => {
  const rows = [
    { case_id: 5, rank: 1, unit: '甲校', title: '甲', phone: '1', remark: '区级优秀' },
    { case_id: 9, rank: 2, unit: '乙校', title: '乙', phone: '2', remark: '' },
  ]
  it('shows the quota line', () => {
    expect(quotaText({ rows: new Array(7).fill(rows[0]), quota: 10, remaining: 3 })).toBe('已推荐 7 / 限额 10，剩余 3')
    expect(quotaText({ rows: [], quota: 2, remaining: 2 })).toBe('已推荐 0 / 限额 2，剩余 2')
  })
  it('builds the save body trimmed and in order', () => {
    expect(packageBody(' 张科长 ', ' 0531-86000001 ', [{ case_id: 9, remark: ' 新增 ' }, { case_id: 5, remark: '' }])).toEqual({
      contact_name: '张科长',
      contact_phone: '0531-86000001',
      remarks: [
        { case_id: 9, remark: '新增' },
        { case_id: 5, remark: '' },
      ],
    })
  })
  it('says what stops sending', () => {
    const stamp = { name: '汇总表（盖章）.pdf', type: 'application/pdf', size: 1024, uploaded_at: 1 }
    expect(sendProblem({ rows: [], contact_name: 'a', contact_phone: 'b', stamp })).toBe('还没有推荐的案例')
    expect(sendProblem({ rows, contact_name: ' ', contact_phone: 'b', stamp })).toMatch(/联系人和联系电话/)
    expect(sendProblem({ rows, contact_name: 'a', contact_phone: '', stamp })).toMatch(/联系人和联系电话/)
    expect(sendProblem({ rows, contact_name: 'a', contact_phone: 'b', stamp: null })).toBe('请先上传加盖公章的汇总表扫描件')
    expect(sendProblem({ rows, contact_name: 'a', contact_phone: 'b', stamp })).toBe('')
  })
  it('asks the city for no stamped scan when it closes its own review of the units under it', () => {
    expect(sendProblem({ rows, contact_name: 'a', contact_phone: 'b', stamp: null, self_review: true })).toBe('')
    expect(sendProblem({ rows, contact_name: 'a', contact_phone: 'b', stamp: null, self_review: false })).toBe('请先上传加盖公章的汇总表扫描件')
    expect(sendProblem({ rows: [], contact_name: 'a', contact_phone: 'b', stamp: null, self_review: true })).toBe('还没有推荐的案例')
    expect(sendWords(true).button).toBe('完成初评')
    expect(sendWords(false).button).toBe('报送市教育局')
  })
  it('keeps typed remarks over the server’s only while unsaved', () => {
    expect(mergeRemarks(rows, { 5: '改过' }, true)).toEqual({ 5: '改过', 9: '' })
    expect(mergeRemarks(rows, { 5: '改过' }, false)).toEqual({ 5: '区级优秀', 9: '' })
    expect(mergeRemarks(rows, { 77: '旧的' }, true)).toEqual({ 5: '区级优秀', 9: '' })
  })
})

describe('board', () => {
  const row = (id: number, counts: Partial<BoardRow>, sent: number | null = null): BoardRow => ({
    review_unit_id: id,
    review_unit_name: `单位${id}`,
    draft: 0,
    submitted: 0,
    returned: 0,
    rejected: 0,
    recommended: 0,
    sent: 0,
    package_sent_at: sent,
    stamp: sent !== null,
    ...counts,
  })
  it('adds up every column and counts the arrived packages', () => {
    const t = boardTotals([row(1, { draft: 2, submitted: 3 }), row(2, { returned: 1, rejected: 1, sent: 4 }, 1_700_000_000_000), row(3, { recommended: 5 })])
    expect(t).toEqual({ units: 3, packages: 1, draft: 2, submitted: 3, returned: 1, rejected: 1, recommended: 5, sent: 4 })
    expect(boardTotals([])).toEqual({ units: 0, packages: 0, draft: 0, submitted: 0, returned: 0, rejected: 0, recommended: 0, sent: 0 })
  })
  it('has a column per status in the order of the work', () => {
    expect(BOARD_COLUMNS.map((c) => c.key)).toEqual(['draft', 'submitted', 'returned', 'rejected', 'recommended', 'sent'])
  })
  it('shows the clock in Beijing time', () => {
    expect(clockText(Date.UTC(2026, 10, 23, 6, 5, 9))).toBe('14:05:09')
    expect(clockText(Date.UTC(2026, 10, 23, 16, 0, 0))).toBe('00:00:00')
  })
})

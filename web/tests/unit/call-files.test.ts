import { describe, expect, it } from 'vitest'
import { CALL_FILE_ACCEPT, callFileUrl } from '@/api/call-files'
import { contentTypeOf } from '@/api/upload'
import { CALL_FILE_TYPE_MESSAGE, callFileKind, callFileProblem, progressPercent, sortCallFiles } from '@/views/cases/calls/call-files'

describe('call files', () => {
  it('accepts PDF, Word and Excel by extension', () => {
    for (const n of ['附件1.PDF', 'a.docx', 'b.doc', 'c.xlsx', 'd.xls']) expect(callFileProblem({ name: n, size: 10 }, 0)).toBe('')
    for (const n of ['x.exe', 'x.zip', 'docx', 'a.docx.exe', '']) expect(callFileProblem({ name: n, size: 10 }, 0)).toBe(CALL_FILE_TYPE_MESSAGE)
  })
  it('refuses empty files and the 21st file', () => {
    expect(callFileProblem({ name: 'a.pdf', size: 0 }, 0)).toBe('文件是空的')
    expect(callFileProblem({ name: 'a.pdf', size: 1 }, 19)).toBe('')
    expect(callFileProblem({ name: 'a.pdf', size: 1 }, 20)).toMatch('最多20个附件')
  })
  it('names the kind of a file', () => {
    expect(callFileKind('附件2 目录表.DOCX')).toBe('Word')
    expect(callFileKind('汇总表.xls')).toBe('Excel')
    expect(callFileKind('通知.pdf')).toBe('PDF')
    expect(callFileKind('readme')).toBe('')
  })
  it('sorts by seq then id without touching the input', () => {
    const input = [
      { id: 3, seq: 2 },
      { id: 2, seq: 1 },
      { id: 1, seq: 2 },
    ]
    expect(sortCallFiles(input).map((f) => f.id)).toEqual([2, 1, 3])
    expect(input[0]!.id).toBe(3)
  })
  it('caps the progress at 99 until the answer', () => {
    expect(progressPercent(0, 0)).toBe(0)
    expect(progressPercent(50, 100)).toBe(50)
    expect(progressPercent(100, 100)).toBe(99)
  })
  it('guesses office content types and builds urls', () => {
    expect(contentTypeOf({ name: 'a.docx' })).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(contentTypeOf({ name: 'a.xls' })).toBe('application/vnd.ms-excel')
    expect(contentTypeOf({ name: 'a.bin', type: 'text/plain' })).toBe('text/plain')
    expect(CALL_FILE_ACCEPT).toBe('.pdf,.docx,.doc,.xlsx,.xls')
    expect(callFileUrl(7)).toBe('/api/v1/call-files/7')
  })
})

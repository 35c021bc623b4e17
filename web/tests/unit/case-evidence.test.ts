import { FakeXhr } from './fake-xhr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp, upload } from '@/api/http'
import { evidenceUploadQuery, uploadEvidence } from '@/api/cases'
import {
  evidenceCountText,
  evidenceInputProblem,
  fileSizeText,
  materialDateProblem,
  moveItem,
  nameFromFilename,
  quotaFull,
  quotaText,
} from '@/views/cases/edit/evidence'

describe('evidence helpers', () => {
  it('proposes the material name from the file name', () => {
    expect(nameFromFilename('活动照片.pdf')).toBe('活动照片')
    expect(nameFromFilename('C:\\fakepath\\证书 扫描件.PDF')).toBe('证书 扫描件')
    expect(nameFromFilename('/tmp/a.b.pdf')).toBe('a.b')
    expect(nameFromFilename('  说明.pdf  '.trim())).toBe('说明')
    expect(nameFromFilename('no-extension')).toBe('no-extension')
    expect(nameFromFilename('.pdf')).toBe('')
    expect(Array.from(nameFromFilename('字'.repeat(120) + '.pdf'))).toHaveLength(100)
  })

  it('checks 时间 as YYYY, YYYY-MM or YYYY-MM-DD', () => {
    for (const ok of ['', '2024', '2024-03', '2024-02-29', ' 2023-12-31 ']) expect(materialDateProblem(ok)).toBe('')
    expect(materialDateProblem('2024/03')).toMatch('格式')
    expect(materialDateProblem('24-03')).toMatch('格式')
    expect(materialDateProblem('2024-13')).toMatch('月份')
    expect(materialDateProblem('2023-02-29')).toMatch('不存在')
    expect(evidenceInputProblem({ name: ' ', material_date: '', remark: '' })).toBe('请填写材料名称')
    expect(evidenceInputProblem({ name: 'a', material_date: '', remark: 'x'.repeat(201) })).toMatch('备注')
    expect(evidenceInputProblem({ name: 'a', material_date: '2024-05', remark: '' })).toBe('')
  })

  it('moves an item without touching the original list', () => {
    const list = [1, 2, 3, 4]
    expect(moveItem(list, 0, 1)).toEqual([2, 1, 3, 4])
    expect(moveItem(list, 3, 0)).toEqual([4, 1, 2, 3])
    expect(moveItem(list, 1, 3)).toEqual([1, 3, 4, 2])
    expect(moveItem(list, 0, -1)).toEqual([1, 2, 3, 4])
    expect(moveItem(list, 2, 9)).toEqual([1, 2, 3, 4])
    expect(list).toEqual([1, 2, 3, 4])
  })

  it('formats sizes and counts', () => {
    expect(fileSizeText(500)).toBe('500 B')
    expect(fileSizeText(2048)).toBe('2 KB')
    expect(fileSizeText(20 * 1024 * 1024)).toBe('20.0 MB')
    expect(evidenceCountText(3, 10)).toBe('已上传 3 / 10 份')
  })

  it('words the quota for a district and for a school', () => {
    expect(quotaText({ kind: 'district', scope_name: '历下区教育局', quota: 10, used: 3, remaining: 7 })).toBe(
      '历下区教育局（含所属学校）名额：已报送 3 / 10，剩余 7',
    )
    expect(quotaText({ kind: 'school', scope_name: '济南一中', quota: 2, used: 1, remaining: 1 })).toBe('本校名额：已报送 1 / 2，剩余 1')
    expect(quotaFull({ kind: 'school', scope_name: '', quota: 2, used: 2, remaining: 0 })).toBe(true)
    expect(quotaFull({ kind: 'school', scope_name: '', quota: 2, used: 1, remaining: 1 })).toBe(false)
  })
})

describe('upload helper', () => {
  const notify = vi.fn()
  beforeEach(() => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    configureHttp({ csrfToken: () => 'tok-1', notify, onUnauthorized: vi.fn() })
    notify.mockReset()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    configureHttp({ csrfToken: () => '' })
  })

  it('builds the evidence query, leaving empty fields out', () => {
    expect(evidenceUploadQuery({ name: ' 照片 ', material_date: '', remark: '' }, 'a.pdf')).toEqual({
      name: '照片',
      material_date: '',
      remark: '',
      filename: 'a.pdf',
    })
  })

  it('posts the raw file with the CSRF token, the PDF type and the fields in the query', async () => {
    FakeXhr.answer = { status: 201, body: JSON.stringify({ id: 7, name: '活动 照片&1' }) }
    const file = new Blob(['%PDF-1.4'], { type: '' })
    const seen: number[] = []
    const e = await uploadEvidence(12, file, { name: '活动 照片&1', material_date: '2024-05', remark: '' }, '活动.pdf', (l, t) => seen.push(l / t))
    const x = FakeXhr.last
    expect(x.method).toBe('POST')
    const u = new URL(x.url, 'http://h')
    expect(u.pathname).toBe('/api/v1/cases/12/evidence')
    expect(u.searchParams.get('name')).toBe('活动 照片&1')
    expect(u.searchParams.get('material_date')).toBe('2024-05')
    expect(u.searchParams.has('remark')).toBe(false)
    expect(u.searchParams.get('filename')).toBe('活动.pdf')
    expect(x.headers['Content-Type']).toBe('application/pdf')
    expect(x.headers['X-CSRF-Token']).toBe('tok-1')
    expect(x.withCredentials).toBe(true)
    expect(x.body).toBe(file)
    expect(seen).toEqual([0.5, 1])
    expect(e).toMatchObject({ id: 7 })
  })

  it("turns the server's refusal into an ApiError with its Chinese message", async () => {
    FakeXhr.answer = { status: 422, body: JSON.stringify({ error: { code: 'files.not_pdf', message: '文件不是PDF：a.pdf', field: 'file' } }) }
    const err = await upload('/cases/1/evidence', new Blob(['<html>']), { silent: true }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('文件不是PDF：a.pdf')
    expect((err as ApiError).code).toBe('files.not_pdf')
    expect(notify).not.toHaveBeenCalled()
    await upload('/cases/1/evidence', new Blob(['x'])).catch(() => {})
    expect(notify).toHaveBeenCalledWith('文件不是PDF：a.pdf')
  })
})

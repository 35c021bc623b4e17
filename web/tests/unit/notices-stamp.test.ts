import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, configureHttp } from '@/api/http'
import { FakeXhr } from './fake-xhr'
import { contentTypeOf, extensionOf, uploadFile, uploadUrl } from '@/api/upload'
import { stampFileUrl, uploadStamp } from '@/api/cases-review'
import { badgeText, markedRead, noticeKind, noticeTarget, outsideApp, pathOf, reopensPage } from '@/utils/notice'
import { sizeText, stampFileProblem } from '@/views/cases/review/review'

describe('notice kinds', () => {
  it('labels every kind the server sends', () => {
    expect(noticeKind('cases.returned')).toEqual({ label: '退回', type: 'warning' })
    expect(noticeKind('cases.rejected')).toEqual({ label: '未推荐', type: 'danger' })
    expect(noticeKind('cases.recommended')).toEqual({ label: '已推荐', type: 'success' })
    expect(noticeKind('cases.package_sent').label).toBe('材料已报送')
    expect(noticeKind('cases.reminder').label).toBe('截止提醒')
  })
  it('shows an unknown kind as 通知', () => {
    expect(noticeKind('system.something')).toEqual({ label: '通知', type: 'info' })
    expect(noticeKind('')).toEqual({ label: '通知', type: 'info' })
  })
})

describe('notice links', () => {
  it('follows in-app paths only', () => {
    expect(noticeTarget('/cases/12/edit')).toBe('/cases/12/edit')
    expect(noticeTarget(' /cases/review?call=3 ')).toBe('/cases/review?call=3')
    expect(noticeTarget('/cases/board?call=3')).toBe('/cases/board?call=3')
    expect(noticeTarget('')).toBeNull()
    expect(noticeTarget(null)).toBeNull()
    expect(noticeTarget('//evil.example/x')).toBeNull()
    expect(noticeTarget('/\\evil.example')).toBeNull()
    expect(noticeTarget('https://evil.example/')).toBeNull()
    expect(noticeTarget('javascript:alert(1)')).toBeNull()
    expect(noticeTarget('/cases\n/1')).toBeNull()
  })
  it('knows when the page has to reopen for another query', () => {
    expect(pathOf('/cases/review?call=3#top')).toBe('/cases/review')
    expect(reopensPage('/cases/review?call=5', '/cases/review?call=3')).toBe(true)
    expect(reopensPage('/cases/review?call=3', '/cases/review?call=3')).toBe(false)
    expect(reopensPage('/cases/board?call=3', '/cases/review?call=3')).toBe(false)
    expect(reopensPage('/cases/mine', '/cases/12/edit')).toBe(false)
  })
  it('writes the badge', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(-2)).toBe('')
    expect(badgeText(7)).toBe('7')
    expect(badgeText(100)).toBe('99+')
  })
  it('marks one or all read without touching the others', () => {
    const items = [
      { id: 1, read: false },
      { id: 2, read: false },
      { id: 3, read: true },
    ]
    expect(markedRead(items, 2).map((n) => n.read)).toEqual([false, true, true])
    expect(markedRead(items).every((n) => n.read)).toBe(true)
    expect(items[1]!.read).toBe(false)
  })
})

describe('stamp upload', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    configureHttp({ csrfToken: () => '' })
  })

  it('puts the file name in the query', () => {
    expect(uploadUrl('/case-calls/3/package/stamp', '汇总表 盖章.pdf')).toBe(
      `/api/v1/case-calls/3/package/stamp?filename=${encodeURIComponent('汇总表 盖章.pdf').replace(/%20/g, '+')}`,
    )
    expect(uploadUrl('/api/v1/x', 'a&b.png', { unit_id: 4 })).toBe('/api/v1/x?unit_id=4&filename=a%26b.png')
  })
  it('addresses the stamp download, the city naming the unit', () => {
    expect(stampFileUrl(3)).toBe('/api/v1/case-calls/3/package/stamp')
    expect(stampFileUrl(3, 17)).toBe('/api/v1/case-calls/3/package/stamp?unit_id=17')
  })
  it('sends the content type the browser knows, else guesses it from the name', () => {
    expect(extensionOf('扫描件.JPG')).toBe('jpg')
    expect(extensionOf('noext')).toBe('')
    expect(contentTypeOf({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf')
    expect(contentTypeOf({ name: 'a.PNG', type: '' })).toBe('image/png')
    expect(contentTypeOf({ name: 'a.jpeg' })).toBe('image/jpeg')
    expect(contentTypeOf({ name: 'a.bin', type: '' })).toBe('application/octet-stream')
  })
  it('checks the chosen file before sending it', () => {
    expect(stampFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 })).toBe('')
    expect(stampFileProblem({ name: 'scan', type: 'image/png', size: 10 })).toBe('')
    expect(stampFileProblem({ name: 'a.JPG', type: '', size: 10 })).toBe('')
    expect(stampFileProblem({ name: 'a.docx', type: 'application/msword', size: 10 })).toMatch(/PDF、JPEG 或 PNG/)
    expect(stampFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('文件是空的')
    expect(stampFileProblem({ name: 'a.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 })).toMatch(/20MB/)
    expect(sizeText(800)).toBe('800 B')
    expect(sizeText(356 * 1024)).toBe('356 KB')
    expect(sizeText(1.25 * 1024 * 1024)).toBe('1.3 MB')
  })
  it('posts the raw file with its type, its name and the CSRF token', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    configureHttp({ csrfToken: () => 'tok-1' })
    FakeXhr.answer = { status: 200, body: JSON.stringify({ call_id: 3, stamp: { name: 's.png' } }) }
    const file = new File([new Uint8Array([0x89, 0x50])], 's.png', { type: 'image/png' })
    const pkg = await uploadStamp(3, file)
    expect(pkg.stamp?.name).toBe('s.png')
    const x = FakeXhr.last
    expect(x.url).toBe('/api/v1/case-calls/3/package/stamp?filename=s.png')
    expect(x.method).toBe('POST')
    expect(x.body).toBe(file)
    expect(x.headers).toMatchObject({ 'Content-Type': 'image/png', 'X-CSRF-Token': 'tok-1' })
  })
  it('turns the error envelope into ApiError', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    FakeXhr.answer = { status: 422, body: JSON.stringify({ error: { code: 'files.not_image', message: '盖章扫描件应为 PDF、JPEG 或 PNG 文件：a.png', field: 'file' } }) }
    const err = await uploadFile('/x', new File(['x'], 'a.png')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 422, code: 'files.not_image', field: 'file' })
  })
})

describe('notices that open the public library', () => {
  it('loads the library page instead of routing inside the app', () => {
    expect(outsideApp('/library/cases/12')).toBe(true)
    expect(outsideApp('/library?keyword=家访')).toBe(true)
    expect(outsideApp('/library')).toBe(true)
    expect(outsideApp('/libraryx')).toBe(false)
    expect(outsideApp('/cases/mine')).toBe(false)
  })
  it('names the review kinds', () => {
    expect(noticeKind('review.selected').label).toBe('案例入选')
    expect(noticeKind('review.reminder').type).toBe('warning')
  })
})

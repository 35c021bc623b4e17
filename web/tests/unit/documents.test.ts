import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp } from '@/api/http'
import {
  buildFilePath,
  buildPercent,
  buildText,
  requestPackageBuild,
  waitForBuild,
  type DocumentBuild,
} from '@/api/documents'

function build(over: Partial<DocumentBuild> = {}): DocumentBuild {
  return {
    id: 5,
    status: 'running',
    done: 0,
    total: 11,
    error: '',
    file_name: '历下区教育局_典型案例推荐材料.zip',
    size: 0,
    created_at: 0,
    finished_at: null,
    download_url: '/api/v1/document-builds/5/file',
    ...over,
  }
}

const fetchMock = vi.fn<typeof fetch>()
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  configureHttp({ csrfToken: () => 'tok', notify: () => {}, onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

describe('build progress in words and percent', () => {
  it('counts cases done', () => {
    expect(buildPercent(build({ done: 0 }))).toBe(0)
    expect(buildPercent(build({ done: 5, total: 10 }))).toBe(50)
    expect(buildPercent(build({ done: 10, total: 10 }))).toBe(99) // the ZIP is still being written
    expect(buildPercent(build({ status: 'done', done: 10, total: 10 }))).toBe(100)
    expect(buildPercent(build({ status: 'queued', total: 0 }))).toBe(0)
    expect(buildText(build({ done: 3, total: 11 }))).toBe('正在生成：已完成 3 / 11')
    expect(buildText(build({ status: 'queued' }))).toBe('排队等待生成…')
    expect(buildText(build({ status: 'failed', error: '佐证材料2「签到表」已无法读取' }))).toBe('生成失败：佐证材料2「签到表」已无法读取')
    expect(buildText(build({ status: 'failed' }))).toBe('生成失败：原因不明')
    expect(buildText(build({ status: 'superseded' }))).toBe('已被新生成的材料包替代')
  })
  it('downloads through the API prefix once', () => {
    expect(buildFilePath(build())).toBe('/document-builds/5/file')
    expect(buildFilePath(build({ download_url: '/document-builds/6/file' }))).toBe('/document-builds/6/file')
  })
})

describe('package builds', () => {
  it('asks for another unit\'s package with unit_id and the CSRF token', async () => {
    fetchMock.mockResolvedValueOnce(json(202, build({ status: 'queued' })))
    const b = await requestPackageBuild(3, 41)
    expect(b.status).toBe('queued')
    const [url, init] = fetchMock.mock.calls[0]!
    expect(String(url)).toBe('/api/v1/case-calls/3/package/build?unit_id=41')
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('X-CSRF-Token')).toBe('tok')
  })
  it('polls until the build is done, reporting each state', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, build({ done: 4 })))
      .mockResolvedValueOnce(json(200, build({ status: 'done', done: 11, size: 2048 })))
    const seen: string[] = []
    const slept: number[] = []
    const last = await waitForBuild(build({ status: 'queued' }), (b) => seen.push(`${b.status}:${b.done}`), {
      intervalMs: 300,
      sleep: async (ms) => void slept.push(ms),
    })
    expect(last.status).toBe('done')
    expect(seen).toEqual(['queued:0', 'running:4', 'done:11'])
    expect(slept).toEqual([300, 300])
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/v1/jobs/5')
  })
  it('stops at a failure and when the page is left', async () => {
    fetchMock.mockResolvedValueOnce(json(200, build({ status: 'failed', error: '坏文件' })))
    const failed = await waitForBuild(build(), () => {}, { sleep: async () => {} })
    expect(failed.error).toBe('坏文件')

    const abort = new AbortController()
    let polls = 0
    fetchMock.mockImplementation(async () => {
      polls++
      abort.abort()
      return json(200, build())
    })
    const left = await waitForBuild(build(), () => {}, { signal: abort.signal, sleep: async () => {} })
    expect(left.status).toBe('running')
    expect(polls).toBe(1)
  })
  it('does not poll a build that is already finished', async () => {
    const b = await waitForBuild(build({ status: 'done' }), () => {}, { sleep: async () => {} })
    expect(b.status).toBe('done')
    const s = await waitForBuild(build({ status: 'superseded' }), () => {}, { sleep: async () => {} })
    expect(s.status).toBe('superseded')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

// The public case library's pages with the server faked: the list (URL query, <mark>, states),
// a case (附件1 layout, 404) and the certificate check (genuine, unknown).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import App from '@/library/App.vue'
import { createLibraryRouter } from '@/library/router'

const fetchMock = vi.fn<typeof fetch>()
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const urls = () => fetchMock.mock.calls.map((c) => String(c[0]))

const facets = {
  years: [2026, 2025],
  districts: ['历下区', '市直'],
  forms: ['社区+学校'],
  topics: ['法治教育'],
  unit_types: [{ value: 'school', label: '学校' }],
}
const item = (id: number, snippet: string) => ({
  case_id: id, title: `案例${id}`, year: 2026, call_title: '2026年征集', unit_name: '甲小学', partners: ['乙社区', '丙派出所'],
  district: '历下区', form: '社区+学校', topics: ['法治教育'], unit_type: '学校', snippet,
})

async function open(path: string) {
  const router = createLibraryRouter(createMemoryHistory())
  router.push(path)
  await router.isReady()
  const wrapper = mount(App, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { router, wrapper }
}

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('scrollTo', vi.fn()) // the router's scrollBehavior; jsdom has none
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('library list', () => {
  it('reads filters from the URL, marks the keyword and pages', async () => {
    fetchMock.mockImplementation(async () => json(200, { items: [item(1, '…开展家访，家访后…')], total: 13, page: 2, page_size: 12, facets }))
    const { router, wrapper } = await open('/library?keyword=家访&district=历下区&page=2')
    const api = new URL(urls()[0]!, 'http://x')
    expect(api.pathname).toBe('/api/v1/public/library')
    expect(api.searchParams.get('keyword')).toBe('家访')
    expect(api.searchParams.get('district')).toBe('历下区')
    expect(api.searchParams.get('page')).toBe('2')
    expect((wrapper.get('[data-test="lib-keyword"]').element as HTMLInputElement).value).toBe('家访')
    expect(wrapper.get('[data-test="lib-total"]').text()).toBe('共 13 个案例')
    const card = wrapper.get('[data-test="lib-card"]')
    expect(card.findAll('mark').map((m) => m.text())).toEqual(['家访', '家访'])
    expect(card.text()).toContain('合作单位：乙社区、丙派出所')
    expect(card.get('a').attributes('href')).toBe('/library/cases/1')
    expect(wrapper.text()).toContain('第 2 / 2 页')
    expect((wrapper.get('#lib-filter-district').element as HTMLSelectElement).value).toBe('历下区')

    await wrapper.get('[data-test="lib-prev"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ keyword: '家访', district: '历下区' })

    await wrapper.get('[data-test="lib-keyword"]').setValue('劳动')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ keyword: '劳动', district: '历下区' })

    const year = wrapper.get('#lib-filter-year')
    await year.setValue('2025')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ keyword: '劳动', district: '历下区', year: '2025' })
    wrapper.unmount()
  })

  it('shows the empty state and the error state with 重试', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { items: [], total: 0, page: 1, page_size: 12, facets }))
    const { wrapper } = await open('/library?keyword=无此词')
    expect(wrapper.get('[data-test="lib-empty"]').text()).toBe('没有找到符合条件的案例，可以换个关键词或减少筛选条件')
    wrapper.unmount()

    fetchMock.mockResolvedValueOnce(json(429, { error: { code: 'rate', message: '访问过于频繁' } }))
    const second = await open('/library')
    expect(second.wrapper.get('[data-test="lib-error"]').text()).toContain('访问过于频繁')
    fetchMock.mockResolvedValueOnce(json(200, { items: [item(2, '')], total: 1, page: 1, page_size: 12, facets }))
    await second.wrapper.get('[data-test="lib-error"] button').trigger('click')
    await flushPromises()
    expect(second.wrapper.findAll('[data-test="lib-card"]')).toHaveLength(1)
    second.wrapper.unmount()
  })
})

describe('library case', () => {
  it('lays out the case and its facts', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, {
        ...item(5, ''), practice_start: '2020-09-01', still_running: true,
        sections: [
          { group: '', heading: '一、成果概述', text: '概述一。\n概述二。' },
          { group: '二、案例介绍', heading: '（一）实施背景', text: '背景。' },
        ],
        evidence: [{ id: 9, seq: 1, name: '活动照片', pages: 3 }],
      }),
    )
    const { wrapper } = await open('/library/cases/5')
    expect(urls()[0]).toBe('/api/v1/public/library/5')
    expect(wrapper.get('[data-test="lib-case-title"]').text()).toBe('案例5')
    expect(document.title).toBe('案例5 · 典型案例库 · 家校社协同育人')
    expect(wrapper.get('[data-test="lib-case-pdf"]').attributes('href')).toBe('/api/v1/public/library/5/pdf')
    expect(wrapper.text()).toContain('2020年9月（至今仍在实施）')
    expect(wrapper.findAll('.lib-writeup h2').map((h) => h.text())).toEqual(['一、成果概述', '二、案例介绍'])
    expect(wrapper.findAll('.lib-writeup h3').map((h) => h.text())).toEqual(['（一）实施背景'])
    expect(wrapper.findAll('.lib-writeup p').map((h) => h.text())).toEqual(['概述一。', '概述二。', '背景。'])
    expect(wrapper.get('[data-test="lib-case-evidence"] a').attributes('href')).toBe('/api/v1/public/library/5/evidence/9/file')
    wrapper.unmount()
  })

  it('says when the case is not in the library', async () => {
    fetchMock.mockResolvedValueOnce(json(404, { error: { code: 'review.library_case_not_found', message: '案例库中没有这个案例' } }))
    const { wrapper } = await open('/library/cases/404')
    expect(wrapper.get('[data-test="lib-case-missing"]').text()).toContain('案例库中没有这个案例')
    wrapper.unmount()
  })
})

describe('certificate check', () => {
  it('checks the serial from the URL', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { serial: '2026-007-K7F3Q9XM', call_title: '2026年征集', case_title: '案例7', units: ['甲小学', '乙社区'], bureau: '济南市教育局', issued_on: '2026-12-03', genuine: true }),
    )
    const { wrapper } = await open('/library/verify/2026-007-k7f3q9xm')
    expect(urls()[0]).toBe('/api/v1/public/certificates/2026-007-K7F3Q9XM')
    expect((wrapper.get('[data-test="verify-input"]').element as HTMLInputElement).value).toBe('2026-007-K7F3Q9XM')
    const result = wrapper.get('[data-test="verify-result"]')
    expect(result.attributes('data-genuine')).toBe('true')
    expect(result.text()).toContain('证书真实有效')
    expect(result.text()).toContain('甲小学、乙社区')
    expect(result.text()).toContain('2026年12月3日')
    wrapper.unmount()
  })

  it('shows the server message for an unknown serial', async () => {
    fetchMock.mockResolvedValueOnce(json(404, { error: { code: 'review.certificate_unknown', message: '未查到这个编号的证书。' } }))
    const { router, wrapper } = await open('/library/verify')
    expect(fetchMock).not.toHaveBeenCalled()
    await wrapper.get('[data-test="verify-input"]').setValue('2026-001-AAAAAAAA')
    await wrapper.get('[data-test="verify-button"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/library/verify/2026-001-AAAAAAAA')
    const result = wrapper.get('[data-test="verify-result"]')
    expect(result.attributes('data-genuine')).toBe('false')
    expect(result.text()).toContain('未查到这个编号的证书。')
    wrapper.unmount()
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import { ApiError, buildQuery, configureHttp, filenameFrom, http } from '@/api/http'
import { installHttp } from '@/api/install'
import { useUserStore } from '@/stores/user'
import type { Me } from '@/api/types'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

const fetchMock = vi.fn<typeof fetch>()

function lastInit(): RequestInit {
  const call = fetchMock.mock.calls.at(-1)
  return (call?.[1] ?? {}) as RequestInit
}

function lastHeaders(): Record<string, string> {
  return (lastInit().headers ?? {}) as Record<string, string>
}

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('http wrapper', () => {
  const notify = vi.fn()
  const onUnauthorized = vi.fn()

  beforeEach(() => {
    notify.mockReset()
    onUnauthorized.mockReset()
    configureHttp({ csrfToken: () => 'tok-123', notify, onUnauthorized })
  })

  it('parses JSON and sends cookies with same-origin credentials', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [1], total: 1, page: 1, page_size: 20 }))
    const res = await http.get<{ total: number }>('/units', { keyword: '历下', page: 1, type: '' })
    expect(res.total).toBe(1)
    const [url] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/v1/units?keyword=%E5%8E%86%E4%B8%8B&page=1')
    expect(lastInit().credentials).toBe('same-origin')
    expect(lastInit().method).toBe('GET')
  })

  it('sends X-CSRF-Token on POST, PUT, PATCH and DELETE but not on GET', async () => {
    fetchMock.mockImplementation(async () => new Response(null, { status: 204 }))
    await http.get('/auth/me')
    expect(lastHeaders()['X-CSRF-Token']).toBeUndefined()
    for (const send of [() => http.post('/units', { a: 1 }), () => http.put('/units/1', {}), () => http.patch('/x', {}), () => http.del('/units/1')]) {
      await send()
      expect(lastHeaders()['X-CSRF-Token']).toBe('tok-123')
    }
  })

  it('sends a JSON body with its content type', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { id: 7 }))
    await http.post('/units', { name: '学校' })
    expect(lastInit().body).toBe('{"name":"学校"}')
    expect(lastHeaders()['Content-Type']).toBe('application/json')
  })

  it('leaves the CSRF header out while signed out', async () => {
    configureHttp({ csrfToken: () => '' })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, {}))
    await http.post('/auth/login', { username: 'a', password: 'b' })
    expect(lastHeaders()['X-CSRF-Token']).toBeUndefined()
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(http.post('/auth/logout')).resolves.toBeUndefined()
  })

  it('turns the error envelope into ApiError and shows the message', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, { error: { code: 'org.unit_code_taken', message: '单位编码已被使用：370102', field: 'code' } }),
    )
    const err = await http.post('/units', {}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'org.unit_code_taken', message: '单位编码已被使用：370102', field: 'code' })
    expect(notify).toHaveBeenCalledWith('单位编码已被使用：370102')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not show the message when the caller handles it (silent)', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(422, { error: { code: 'x', message: '不行', field: 'name' } }))
    await expect(http.post('/units', {}, { silent: true })).rejects.toMatchObject({ field: 'name' })
    expect(notify).not.toHaveBeenCalled()
  })

  it('gives a Chinese message when the body is not an envelope', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }))
    await expect(http.get('/units')).rejects.toMatchObject({ status: 502, code: 'http.502', message: '服务器暂时无法访问，请稍后再试' })
  })

  it('reports a network failure as ApiError status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(http.get('/units')).rejects.toMatchObject({ status: 0, code: 'network' })
    expect(notify).toHaveBeenCalledWith('网络连接失败，请检查网络后重试')
  })

  it('hands 401 to onUnauthorized instead of showing a message', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'auth.session_expired', message: '登录已过期或已退出，请重新登录' } }))
    await expect(http.get('/users')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(notify).not.toHaveBeenCalled()
  })

  it('lets login handle its own 401 (skipAuthRedirect)', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'auth.bad_credentials', message: '用户名或密码错误' } }))
    await expect(http.post('/auth/login', {}, { silent: true, skipAuthRedirect: true })).rejects.toMatchObject({ message: '用户名或密码错误' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('helpers', () => {
  it('buildQuery leaves out empty values and repeats arrays', () => {
    expect(buildQuery({ a: 1, b: '', c: null, d: undefined, e: ['x', 'y'], f: false })).toBe('?a=1&e=x&e=y&f=false')
    expect(buildQuery({})).toBe('')
  })

  it('filenameFrom reads RFC 5987 names first', () => {
    expect(filenameFrom(`attachment; filename="export.xlsx"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%E5%88%97%E8%A1%A8.xlsx`, 'x')).toBe('单位列表.xlsx')
    expect(filenameFrom('attachment; filename="users.xlsx"', 'x')).toBe('users.xlsx')
    expect(filenameFrom(null, '审计日志.xlsx')).toBe('审计日志.xlsx')
  })
})

describe('401 handling wired to the app', () => {
  const Empty = defineComponent({ render: () => null })

  function me(): Me {
    return {
      user: { id: 1, username: 'admin', display_name: '系统管理员', must_change_password: false },
      active_membership: null,
      memberships: [],
      permissions: ['org:user:list'],
      menus: [],
      csrf_token: 'csrf-1',
    }
  }

  it('clears the store and goes to /login keeping the intended path', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/login', component: Empty, meta: { public: true } },
        { path: '/org/users', component: Empty },
      ],
    })
    const notify = vi.fn()
    installHttp(router, pinia, notify)
    const store = useUserStore()
    store.setMe(me())
    expect(store.csrfToken).toBe('csrf-1')
    await router.push('/org/users?page=2')

    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'auth.session_expired', message: '登录已过期或已退出，请重新登录' } }))
    await expect(http.get('/users')).rejects.toBeInstanceOf(ApiError)
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'))
    expect(router.currentRoute.value.query.redirect).toBe('/org/users?page=2')
    expect(store.me).toBeNull()
    expect(store.csrfToken).toBe('')
    expect(notify).toHaveBeenCalledWith('登录已过期或已退出，请重新登录')
  })

  it('uses the store token as X-CSRF-Token', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Empty }] })
    installHttp(router, pinia, vi.fn())
    useUserStore().setMe(me())
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await http.post('/auth/logout')
    expect(lastHeaders()['X-CSRF-Token']).toBe('csrf-1')
  })
})

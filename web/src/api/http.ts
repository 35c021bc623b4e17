// The one way the web app talks to the server: JSON over fetch with the session cookie,
// the CSRF token on writes, and the server's error envelope turned into ApiError.

export const API_BASE = '/api/v1'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || undefined
  }
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** The caller shows the error itself: no ElMessage. */
  silent?: boolean
  /** A 401 answer does not clear the session nor go to /login (used by login and the first /auth/me). */
  skipAuthRedirect?: boolean
  signal?: AbortSignal
}

export interface HttpEnv {
  /** The CSRF token of the current session ('' when signed out). */
  csrfToken(): string
  /** Called once per 401 answer: clear the session and go to /login. */
  onUnauthorized(error: ApiError): void
  /** Shows an error message to the user. */
  notify(message: string): void
}

let env: HttpEnv = {
  csrfToken: () => '',
  onUnauthorized: () => {},
  notify: () => {},
}

export function configureHttp(next: Partial<HttpEnv>): void {
  env = { ...env, ...next }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  405: '不支持的请求方式',
  408: '请求超时，请重试',
  409: '数据冲突，请刷新后重试',
  413: '提交的内容过大',
  422: '提交的内容未通过校验',
  423: '账号已被锁定',
  429: '操作过于频繁，请稍后再试',
  431: '请求头过大',
  500: '服务器内部错误，请稍后再试',
  502: '服务器暂时无法访问，请稍后再试',
  503: '服务暂不可用，请稍后再试',
  504: '服务器响应超时，请稍后再试',
}

/** Turns a query object into "?a=1&b=x"; empty strings, null and undefined are left out. */
export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw]
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue
      params.append(key, String(v))
    }
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

function url(path: string, query?: Query): string {
  const full = path.startsWith('/api/') ? path : API_BASE + path
  return full + buildQuery(query)
}

/** Reads the error envelope {"error":{code,message,field}} of a failed answer. */
export async function parseError(res: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await res.text()
  } catch {
    /* body unreadable: fall through */
  }
  if (text) {
    try {
      const data = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } }
      const e = data?.error
      if (e && typeof e === 'object') {
        return new ApiError(
          res.status,
          typeof e.code === 'string' ? e.code : `http.${res.status}`,
          typeof e.message === 'string' && e.message ? e.message : STATUS_MESSAGES[res.status] || `请求失败（${res.status}）`,
          typeof e.field === 'string' ? e.field : undefined,
        )
      }
    } catch {
      /* not JSON */
    }
  }
  return new ApiError(res.status, `http.${res.status}`, STATUS_MESSAGES[res.status] || `请求失败（${res.status}）`)
}

function fail(error: ApiError, opts: RequestOptions): never {
  if (error.status === 401 && !opts.skipAuthRedirect) {
    env.onUnauthorized(error)
  } else if (!opts.silent) {
    env.notify(error.message)
  }
  throw error
}

async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (WRITE_METHODS.has(method)) {
    const token = env.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  let res: Response
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    fail(new ApiError(0, 'network', '网络连接失败，请检查网络后重试'), opts)
  }
  if (!res.ok) fail(await parseError(res), opts)
  return res
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, 'application/json')
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    fail(new ApiError(res.status, 'http.bad_json', '服务器返回的数据无法解析'), opts)
  }
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

/** The file name from a Content-Disposition header (RFC 5987 filename* first). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1]!.trim() : fallback
}

/** Downloads a file (e.g. an XLSX export) through fetch → blob → a temporary link. */
export async function download(path: string, query: Query | undefined, fallbackName: string, opts: RequestOptions = {}): Promise<string> {
  const res = await send('GET', path, { ...opts, query }, '*/*')
  const blob = await res.blob()
  const name = filenameFrom(res.headers.get('Content-Disposition'), fallbackName)
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return name
}

/** Shows the message of an error the caller caught but does not handle itself. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    if (e.status !== 401) env.notify(e.message)
  } else if (e instanceof Error) {
    env.notify(e.message)
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

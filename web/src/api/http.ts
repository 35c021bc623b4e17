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
  /** A file sent as the body as it is (instead of `body` as JSON). */
  raw?: { data: Blob; type: string }
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

/** The full address of an API path ("/cases/1" → "/api/v1/cases/1") with its query. */
export function apiUrl(path: string, query?: Query): string {
  const full = path.startsWith('/api/') ? path : API_BASE + path
  return full + buildQuery(query)
}

/** Builds the ApiError of a failed answer from its status and body text (the error envelope when there is one). */
export function errorFromText(status: number, text: string): ApiError {
  if (text) {
    try {
      const data = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } }
      const e = data?.error
      if (e && typeof e === 'object') {
        return new ApiError(
          status,
          typeof e.code === 'string' ? e.code : `http.${status}`,
          typeof e.message === 'string' && e.message ? e.message : STATUS_MESSAGES[status] || `请求失败（${status}）`,
          typeof e.field === 'string' ? e.field : undefined,
        )
      }
    } catch {
      /* not JSON */
    }
  }
  return new ApiError(status, `http.${status}`, STATUS_MESSAGES[status] || `请求失败（${status}）`)
}

/** Reads the error envelope {"error":{code,message,field}} of a failed answer. */
export async function parseError(res: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await res.text()
  } catch {
    /* body unreadable: fall through */
  }
  return errorFromText(res.status, text)
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
  let body: string | Blob | undefined
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type
    body = opts.raw.data
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (WRITE_METHODS.has(method)) {
    const token = env.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  let res: Response
  try {
    res = await fetch(apiUrl(path, opts.query), {
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

export interface UploadOptions {
  query?: Query
  /** Content-Type of the body; the file's own type when left out. */
  contentType?: string
  /** Called as the body goes out (bytes sent, bytes in all). */
  onProgress?: (loaded: number, total: number) => void
  silent?: boolean
  signal?: AbortSignal
}

/**
 * Sends a file as the raw request body (POST), with the CSRF token like every write, and reports
 * upload progress (XMLHttpRequest: fetch has no upload progress). Answers JSON like request().
 */
export function upload<T>(path: string, file: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const failWith = (error: ApiError) => {
      try {
        fail(error, opts)
      } catch (e) {
        reject(e)
      }
    }
    xhr.open('POST', apiUrl(path, opts.query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', opts.contentType || file.type || 'application/octet-stream')
    const token = env.csrfToken()
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    if (opts.onProgress) {
      const report = opts.onProgress
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : file.size)
    }
    xhr.onload = () => {
      const text = xhr.responseText
      if (xhr.status < 200 || xhr.status >= 300) {
        failWith(errorFromText(xhr.status, text))
        return
      }
      if (!text) {
        resolve(undefined as T)
        return
      }
      try {
        resolve(JSON.parse(text) as T)
      } catch {
        failWith(new ApiError(xhr.status, 'http.bad_json', '服务器返回的数据无法解析'))
      }
    }
    xhr.onerror = () => failWith(new ApiError(0, 'network', '网络连接失败，请检查网络后重试'))
    xhr.ontimeout = () => failWith(new ApiError(408, 'http.408', STATUS_MESSAGES[408]!))
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'))
    if (opts.signal) {
      if (opts.signal.aborted) {
        reject(new DOMException('上传已取消', 'AbortError'))
        return
      }
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true })
    }
    xhr.send(file)
  })
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
  return saveResponse(await send('GET', path, { ...opts, query }, '*/*'), fallbackName)
}

/** Sends a file and saves the file the server answers with (e.g. the rows back with their errors). */
export async function downloadPost(path: string, file: Blob, type: string, query: Query | undefined, fallbackName: string): Promise<string> {
  return saveResponse(await send('POST', path, { query, raw: { data: file, type } }, '*/*'), fallbackName)
}

async function saveResponse(res: Response, fallbackName: string): Promise<string> {
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

// The public case library's API (no login, no CSRF): plain fetch, JSON answers, and the
// server's error envelope {"error":{"code","message"}} turned into LibraryError.
import { toApiQuery, type LibraryQuery, type WriteupSection } from './text'

const BASE = '/api/v1/public'

export interface UnitTypeFacet {
  value: string
  label: string
}

export interface LibraryFacets {
  years: number[]
  districts: string[]
  forms: string[]
  topics: string[]
  unit_types: UnitTypeFacet[]
}

export interface LibraryItem {
  case_id: number
  title: string
  year: number
  call_title: string
  unit_name: string
  partners: string[]
  district: string
  form: string
  topics: string[]
  /** The label (学校), not the filter's value. */
  unit_type: string
  snippet: string
}

export interface LibraryPage {
  items: LibraryItem[]
  total: number
  page: number
  page_size: number
  facets: LibraryFacets
}

export interface LibraryEvidence {
  id: number
  seq: number
  name: string
  pages: number
}

export interface LibraryCase extends Omit<LibraryItem, 'snippet'> {
  practice_start: string
  still_running: boolean
  sections: WriteupSection[]
  evidence: LibraryEvidence[]
}

export interface Certificate {
  serial: string
  call_title: string
  case_title: string
  units: string[]
  bureau: string
  issued_on: string
  genuine: boolean
}

export class LibraryError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'LibraryError'
    this.status = status
    this.code = code
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误',
  404: '请求的内容不存在',
  408: '请求超时，请重试',
  429: '访问过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试',
  502: '服务器暂时无法访问，请稍后再试',
  503: '服务暂不可用，请稍后再试',
  504: '服务器响应超时，请稍后再试',
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response
  try {
    res = await fetch(BASE + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal })
  } catch (e) {
    if (e && (e as Error).name === 'AbortError') throw e
    throw new LibraryError(0, 'network', NETWORK_MESSAGE)
  }
  let body: unknown = null
  try {
    body = await res.json()
  } catch (e) {
    if (e && (e as Error).name === 'AbortError') throw e
    body = null
  }
  if (!res.ok) {
    const err = body && typeof body === 'object' ? (body as { error?: { code?: string; message?: string } }).error : undefined
    const message = (err && err.message) || STATUS_MESSAGES[res.status] || (res.status >= 500 ? STATUS_MESSAGES[500] : `请求失败（${res.status}）`)
    throw new LibraryError(res.status, (err && err.code) || `http.${res.status}`, message)
  }
  if (body === null) throw new LibraryError(res.status, 'bad_response', '服务器的回答无法识别，请稍后再试')
  return body as T
}

export function isAbort(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as Error).name === 'AbortError'
}

export function errorMessage(e: unknown): string {
  return e instanceof LibraryError ? e.message : NETWORK_MESSAGE
}

export function listCases(q: LibraryQuery, signal?: AbortSignal): Promise<LibraryPage> {
  return getJson<LibraryPage>(`/library?${toApiQuery(q)}`, signal)
}

export function getCase(id: number, signal?: AbortSignal): Promise<LibraryCase> {
  return getJson<LibraryCase>(`/library/${id}`, signal)
}

export function verifyCertificate(serial: string, signal?: AbortSignal): Promise<Certificate> {
  return getJson<Certificate>(`/certificates/${encodeURIComponent(serial)}`, signal)
}

export function casePdfUrl(id: number): string {
  return `${BASE}/library/${id}/pdf`
}

export function evidenceUrl(caseId: number, evidenceId: number): string {
  return `${BASE}/library/${caseId}/evidence/${evidenceId}/file`
}

import { API_BASE, apiUrl, http, upload, type Query } from './http'
import type { Page } from './types'
import type {
  CallInput,
  CallTemplate,
  CaseBrief,
  CaseCall,
  CaseCheck,
  CaseDetail,
  CaseQuery,
  CaseSave,
  CaseQuota,
  CaseVersion,
  Evidence,
  EvidenceInput,
} from './cases-types'

// ----- calls (征集活动) -----
export const callTemplate = () => http.get<CallTemplate>('/case-calls/template')
export const listCalls = () => http.get<{ items: CaseCall[] }>('/case-calls')
export const getCall = (id: number) => http.get<CaseCall>(`/case-calls/${id}`)
export const createCall = (body: CallInput) => http.post<CaseCall>('/case-calls', body, { silent: true })
export const updateCall = (id: number, body: CallInput) => http.put<CaseCall>(`/case-calls/${id}`, body, { silent: true })
/** 复制为新活动: a draft with the same notice and rules, the deadline a year later and the year in the title +1. */
export const copyCall = (id: number) => http.post<CaseCall>(`/case-calls/${id}/copy`)

/** The submission quota of the active unit for a call (needs cases:case:create). */
export const getQuota = (callId: number) => http.get<CaseQuota>(`/case-calls/${callId}/quota`, undefined, { silent: true })

// ----- cases (典型案例) -----
export const listCases = (q: CaseQuery) => http.get<Page<CaseBrief>>('/cases', q as Query)
export const getCase = (id: number) => http.get<CaseDetail>(`/cases/${id}`)
export const createCase = (callId: number, title: string) => http.post<CaseDetail>('/cases', { call_id: callId, title }, { silent: true })
/** Saves a new version; the caller shows errors (409 cases.stale_version, cases.not_editable …). */
export const saveCase = (id: number, body: CaseSave) => http.put<CaseDetail>(`/cases/${id}`, body, { silent: true })
export const checkCase = (id: number) => http.get<CaseCheck>(`/cases/${id}/check`, undefined, { silent: true })
export const submitCase = (id: number) => http.post<CaseBrief>(`/cases/${id}/submit`, undefined, { silent: true })
export const withdrawCase = (id: number) => http.post<CaseBrief>(`/cases/${id}/withdraw`)
export const caseVersions = (id: number) => http.get<{ items: CaseVersion[] }>(`/cases/${id}/versions`)
export const restoreVersion = (id: number, version: number) => http.post<CaseDetail>(`/cases/${id}/versions/${version}/restore`, undefined, { silent: true })

// ----- evidence (佐证材料, 附件2) -----
export const listEvidence = (caseId: number) => http.get<{ items: Evidence[] }>(`/cases/${caseId}/evidence`)

/** The query of an evidence upload: the catalog fields and the original file name (empty ones left out). */
export function evidenceUploadQuery(input: EvidenceInput, filename: string): Query {
  return { name: input.name.trim(), material_date: input.material_date.trim(), remark: input.remark.trim(), filename }
}

/** Uploads one PDF: the file is the request body, the catalog fields go in the query. Errors are the caller's to show. */
export const uploadEvidence = (
  caseId: number,
  file: Blob,
  input: EvidenceInput,
  filename: string,
  onProgress?: (loaded: number, total: number) => void,
  signal?: AbortSignal,
) =>
  upload<Evidence>(`/cases/${caseId}/evidence`, file, {
    query: evidenceUploadQuery(input, filename),
    contentType: 'application/pdf',
    onProgress,
    signal,
    silent: true,
  })

export const updateEvidence = (id: number, body: EvidenceInput) => http.put<Evidence>(`/evidence/${id}`, body, { silent: true })
export const deleteEvidence = (id: number) => http.del(`/evidence/${id}`)
export const setEvidencePublic = (id: number, value: boolean) => http.put<Evidence>(`/evidence/${id}/public`, { public: value })
export const orderEvidence = (caseId: number, ids: number[]) => http.put<void>(`/cases/${caseId}/evidence/order`, { ids })
/** Same-origin address of an evidence PDF (preview and download). */
export const evidenceFileUrl = (id: number) => apiUrl(`/evidence/${id}/file`)

/** Units matching a name, for the partner picker (only those the user may see). */
/** One unit of the directory every signed-in user may search: name, type and district, no people. */
// The platform's unit directory lives with org; re-exported for the case pages.
export { searchUnits, type DirectoryUnit } from './org'

/**
 * Saves while the page is being closed: a keepalive request outlives the page. Nothing is
 * reported back; the local copy in the browser covers a failure.
 */
export function saveCaseOnUnload(id: number, body: CaseSave, csrfToken: string): void {
  try {
    void fetch(`${API_BASE}/cases/${id}`, {
      method: 'PUT',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
      body: JSON.stringify(body),
    }).catch(() => {})
  } catch {
    /* keepalive body too large or fetch unavailable: the local copy remains */
  }
}

// 初评与推荐 and 报送进度 of the typical-case call (server/src/modules/cases/review.cpp):
// district bureaus and city-affiliated schools return, reject and recommend the cases they
// review, order the recommendations, fill the summary table (附件3) and send it to the city;
// the city follows the progress per reviewing unit.
import { API_BASE, buildQuery, http } from './http'
import { uploadFile } from './upload'
import type { CaseBrief } from './cases-types'

/** One row of the summary table (附件3): a recommended (or sent) case in order. */
export interface PackageRow {
  case_id: number
  /** 1-based order of the recommendation. */
  rank: number
  /** The unit that leads the case. */
  unit: string
  title: string
  /** The case's own contact phone. */
  phone: string
  remark: string
}

/** The reviewing unit's package for one call: its recommendations and the summary table. */
export interface CasePackage {
  call_id: number
  review_unit_id: number
  review_unit_name: string
  contact_name: string
  contact_phone: string
  rows: PackageRow[]
  /** How many cases the unit may recommend (局属学校 or 区县 quota of the call). */
  quota: number
  remaining: number
  /** The city bureau closing its own review of the units directly under it: no stamped scan, nothing "sent" elsewhere. */
  self_review?: boolean
  /** When the package was sent to the city; null while it is still being prepared. */
  sent_at: number | null
  /** The stamped scan (加盖公章的汇总表) that must be uploaded before sending; null until then. */
  stamp: PackageStamp | null
}

/** The stamped scan of the summary table: one PDF, JPEG or PNG, replaced until the package is sent. */
export interface PackageStamp {
  name: string
  /** application/pdf, image/jpeg or image/png (what the content is). */
  type: string
  size: number
  uploaded_at: number
}

export interface PackageSave {
  contact_name: string
  contact_phone: string
  remarks: { case_id: number; remark: string }[]
}

/** One reviewing unit on the city's board: cases by status and whether the package arrived. */
export interface BoardRow {
  review_unit_id: number
  review_unit_name: string
  draft: number
  submitted: number
  returned: number
  rejected: number
  recommended: number
  sent: number
  package_sent_at: number | null
  /** The stamped scan of the summary table has been uploaded. */
  stamp: boolean
}

// The review actions leave errors to the caller (a dialog shows them on its field).
export const returnCase = (id: number, comment: string) => http.post<CaseBrief>(`/cases/${id}/return`, { comment }, { silent: true })
export const rejectCase = (id: number, reason: string) => http.post<CaseBrief>(`/cases/${id}/reject`, { reason }, { silent: true })
export const recommendCase = (id: number) => http.post<CaseBrief>(`/cases/${id}/recommend`, undefined, { silent: true })

export const getPackage = (callId: number) => http.get<CasePackage>(`/case-calls/${callId}/package`)
export const orderRecommendations = (callId: number, caseIds: number[]) =>
  http.put<CasePackage>(`/case-calls/${callId}/recommendations`, { case_ids: caseIds }, { silent: true })
export const savePackage = (callId: number, body: PackageSave) => http.put<CasePackage>(`/case-calls/${callId}/package`, body, { silent: true })
export const sendPackage = (callId: number) => http.post<CasePackage>(`/case-calls/${callId}/package/send`, undefined, { silent: true })

/** Uploads (or replaces) the stamped scan; the answer is the package. Errors are left to the caller. */
export const uploadStamp = (callId: number, file: File) => uploadFile<CasePackage>(`/case-calls/${callId}/package/stamp`, file)
/**
 * The address that downloads a package's stamped scan with the session cookie: the active
 * unit's own, or (for the city) the reviewing unit's given by `unitId`.
 */
export const stampFileUrl = (callId: number, unitId?: number) =>
  `${API_BASE}/case-calls/${callId}/package/stamp${buildQuery({ unit_id: unitId })}`

export const callBoard = (callId: number) => http.get<{ items: BoardRow[] }>(`/case-calls/${callId}/board`)


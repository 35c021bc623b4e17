// The city review (市级评审): the city's organising pages and the expert's workbench.
import { download, http } from './http'

export interface Criterion {
  key: string
  name: string
  description: string
  weight: number
  min: number
  max: number
}
export interface Sheet {
  criteria: Criterion[]
  comment_label: string
  comment_required: boolean
  disagreement: number
}
export type ReviewStatus = 'open' | 'closed' | 'published'
export interface Review {
  id: number
  call_id: number
  call_title: string
  status: ReviewStatus
  k: number
  blind: boolean
  sheet: Sheet
  ends_on: string
  select_limit: number
  exception_note: string
  closed_at: number | null
  published_at: number | null
  version: number
}
export interface ReviewSettings {
  k?: number
  blind?: boolean
  ends_on?: string
  select_limit?: number
  sheet?: Sheet
  version?: number
}
export const listReviews = () => http.get<{ items: Review[]; total: number }>('/reviews')
export const defaultSheet = () => http.get<Sheet>('/reviews/default-sheet')
export const openReview = (call_id: number, s: ReviewSettings) => http.post<Review>('/reviews', { call_id, ...s }, { silent: true })
export const getReview = (id: number) => http.get<Review>(`/reviews/${id}`)
export const updateReview = (id: number, s: ReviewSettings) => http.put<Review>(`/reviews/${id}`, s, { silent: true })
export const closeReview = (id: number) => http.post<Review>(`/reviews/${id}/close`)

export interface Expert {
  user_id: number
  name: string
  username: string
  unit_id: number
  unit_name: string
  phone: string
  fields: string[]
  status: 'active' | 'withdrawn'
  account_created: boolean
  valid_until: number | null
  reminded_at: number | null
  declared: { unit_id: number; label: string }[]
  assigned: number
  submitted: number
}
export const listExperts = (id: number) => http.get<{ items: Expert[]; total: number; field_options: string[] }>(`/reviews/${id}/experts`)
export interface Candidate {
  user_id: number
  name: string
  username: string
  units: { unit_id: number; unit_name: string }[]
}
export const findCandidates = (id: number, keyword: string) => http.get<{ items: Candidate[] }>(`/reviews/${id}/candidates`, { keyword })
export const addExpert = (id: number, body: { user_id: number; unit_id?: number; fields: string[] }) =>
  http.post<Expert>(`/reviews/${id}/experts`, body, { silent: true })
export const createExpert = (id: number, body: { name: string; unit_id: number; phone: string; username?: string; fields: string[] }) =>
  http.post<Expert & { password: string }>(`/reviews/${id}/experts/new`, body, { silent: true })
export const updateExpert = (id: number, user: number, fields: string[]) => http.put<Expert>(`/reviews/${id}/experts/${user}`, { fields })
export const withdrawExpert = (id: number, user: number) => http.del<{ removed_assignments: number }>(`/reviews/${id}/experts/${user}`)
export const addConflict = (id: number, user: number, unit_id: number, note: string) =>
  http.post(`/reviews/${id}/experts/${user}/conflicts`, { unit_id, note })
export const removeConflict = (id: number, user: number, unit: number) => http.del(`/reviews/${id}/experts/${user}/conflicts/${unit}`)

export type SheetState = 'new' | 'draft' | 'submitted'
export interface BoardCase {
  case_id: number
  title: string
  unit_name: string
  review_unit_name: string
  rank: number | null
  form: string
  topics: string[]
  experts: { assignment_id: number; user_id: number; name: string; how: 'auto' | 'manual'; status: SheetState; withdrawn: boolean }[]
  assigned: number
  submitted: number
  short: number
  conflicts: number
  marks: { user_id: number; mark: 'pin' | 'forbid' }[]
}
export interface Board {
  cases: BoardCase[]
  experts: { user_id: number; name: string; unit_name: string; status: string; assigned: number; submitted: number }[]
  k: number
  has_proposal: boolean
}
export const getBoard = (id: number) => http.get<Board>(`/reviews/${id}/board`)
export interface CaseCandidate {
  user_id: number
  name: string
  unit_name: string
  match: number
  load: number
  conflict: string | null
  mark: '' | 'pin' | 'forbid'
  assigned: boolean
}
export const caseCandidates = (id: number, caseId: number) => http.get<{ items: CaseCandidate[] }>(`/reviews/${id}/cases/${caseId}/candidates`)
export interface Proposal {
  pairs: { case_id: number; title: string; user_id: number; name: string; match: number }[]
  loads: { user_id: number; name: string; unit_name: string; load: number }[]
  short_cases: { case_id: number; title: string; short_by: number }[]
  low: number
  high: number
  balanced: boolean
  total_match: number
  greedy_match: number
  solve_ms: number
  k: number
}
export const propose = (id: number) => http.post<Proposal>(`/reviews/${id}/assignment/propose`)
export const applyProposal = (id: number) => http.post<{ applied: number }>(`/reviews/${id}/assignment/apply`, undefined, { silent: true })
export const assignByHand = (id: number, case_id: number, user_id: number) =>
  http.post<{ assignment_id: number }>(`/reviews/${id}/assignments`, { case_id, user_id }, { silent: true })
export const unassign = (id: number, assignment: number) => http.del(`/reviews/${id}/assignments/${assignment}`)
export const setMark = (id: number, case_id: number, user_id: number, mark: '' | 'pin' | 'forbid') =>
  http.put(`/reviews/${id}/marks`, { case_id, user_id, mark }, { silent: true })

export interface ResultRow {
  place: number
  case_id: number
  title: string
  unit_name: string
  review_unit_name: string
  district_rank: number | null
  sheets: number
  raw_mean: number | null
  normalised: number | null
  spread: number | null
  flagged: boolean
  scores: { user_id: number; name: string; total: number; normalised: number }[]
  decision: 'selected' | 'not_selected' | null
  reason: string
  certificate: string | null
}
export interface Results {
  rows: ResultRow[]
  k: number
  limit: number
  selected: number
  incomplete: number
  undecided: number
  status: ReviewStatus
  tie_rule: string
}
export const getResults = (id: number) => http.get<Results>(`/reviews/${id}/results`)
export const exportResults = (id: number, name: string) => download(`/reviews/${id}/results.xlsx`, undefined, name)
export const decide = (id: number, caseId: number, decision: '' | 'selected' | 'not_selected', reason = '') =>
  http.put(`/reviews/${id}/decisions/${caseId}`, { decision, reason }, { silent: true })
export const decideRest = (id: number, reason: string) => http.post<{ decided: number }>(`/reviews/${id}/decisions/rest`, { reason })
export const publish = (id: number, confirm_incomplete = false, note = '') =>
  http.post<{ status: string }>(`/reviews/${id}/publish`, { confirm_incomplete, note }, { silent: true })
export const remind = (id: number) => http.post<{ reminded: number }>(`/reviews/${id}/remind`)
export const downloadCertificates = (id: number) => download(`/reviews/${id}/certificates.zip`, undefined, '荣誉证书.zip')
export const downloadCertificate = (caseId: number, name: string) => download(`/review/certificates/case/${caseId}`, undefined, name)

// ----- the expert's workbench -----
export interface MyItem {
  assignment_id: number
  review_id: number
  call_title: string
  title: string
  unit_name?: string
  status: SheetState
  ends_on: string
  blind: boolean
  saved_at: number | null
  submitted_at: number | null
  total: number | null
}
export const myAssignments = () => http.get<{ items: MyItem[]; total: number; submitted: number }>('/review/mine')
export interface AssignmentView {
  assignment_id: number
  review_id: number
  call_title: string
  blind: boolean
  ends_on: string
  review_open: boolean
  case: {
    title: string
    unit_name: string
    partners?: string[]
    partner_count?: number
    form: string
    topics: string[]
    practice_start: string
    still_running: boolean
    sections: { key: string; heading: string; group: string; text: string }[]
    evidence: { id: number; seq: number; name: string; material_date: string; remark: string; pages: number }[]
  }
  sheet: Sheet
  scores: Record<string, number>
  comment: string
  status: SheetState
  saved_at: number | null
  submitted_at: number | null
  total: number | null
}
export const openAssignment = (id: number) => http.get<AssignmentView>(`/review/assignments/${id}`)
export const saveDraft = (id: number, scores: Record<string, number | null>, comment: string) =>
  http.put<{ status: SheetState; saved_at: number; total: number }>(`/review/assignments/${id}/draft`, { scores, comment }, { silent: true })
export const submitSheet = (id: number, scores: Record<string, number | null>, comment: string) =>
  http.post<{ status: SheetState; saved_at: number; total: number }>(`/review/assignments/${id}/submit`, { scores, comment }, { silent: true })
export const evidenceUrl = (assignment: number, evidence: number) => `/api/v1/review/assignments/${assignment}/evidence/${evidence}/file`

export interface CaseResult {
  published: boolean
  decision: 'selected' | 'not_selected' | null
  reason: string
  certificate: string | null
}
export const caseResult = (caseId: number) => http.get<CaseResult>(`/review/case-result/${caseId}`, undefined, { silent: true })

// 教联体 work platform: alliances, the measure catalog, activities, 会商 meetings and the dashboard.
import { download, downloadPost, http, upload, type Query } from './http'
import type { Page } from './types'

// ----- measures -----
export interface Measure {
  id: number
  code: number
  linkage: string
  title: string
  body: string
  departments: string[]
  status: 'active' | 'retired'
  source: string
}
export interface LinkageGroup {
  key: string
  name: string
  measures: Measure[]
}
export const listMeasures = (all = false) => http.get<{ linkages: LinkageGroup[]; total: number }>('/alliance/measures', { all: all ? 1 : undefined })
export type MeasureInput = Omit<Measure, 'id'>
export const updateMeasure = (id: number, body: MeasureInput) => http.put<Measure>(`/alliance/measures/${id}`, body, { silent: true })
export const createMeasure = (body: MeasureInput) => http.post<Measure>('/alliance/measures', body, { silent: true })

// ----- alliances -----
export type AllianceLevel = 'city' | 'district' | 'school'
export type AllianceStatus = 'preparing' | 'formed' | 'dissolved'
export interface AllianceMember {
  unit_id: number
  unit_name?: string
  role: 'lead' | 'member'
  contact_name: string
  contact_phone: string
  contribution: string
}
export interface Alliance {
  id: number
  level: AllianceLevel
  anchor_unit_id: number
  anchor_name: string
  name: string
  status: AllianceStatus
  founded_on: string | null
  note: string
  created_at: number
  updated_at: number
  version: number
  may_manage?: boolean
  members?: AllianceMember[]
  history?: { status: AllianceStatus; effective_on: string; note: string; changed_at: number }[]
}
export interface AllianceQuery extends Query {
  level?: string
  status?: string
  keyword?: string
  page?: number
  page_size?: number
}
export interface AllianceInput {
  name: string
  founded_on?: string | null
  status?: AllianceStatus
  note?: string
  members: AllianceMember[]
  version?: number
}
export const listAlliances = (q: AllianceQuery) => http.get<Page<Alliance>>('/alliances', q)
export const getAlliance = (id: number) => http.get<Alliance>(`/alliances/${id}`)
export const createAlliance = (body: AllianceInput) => http.post<Alliance>('/alliances', body, { silent: true })
export const updateAlliance = (id: number, body: AllianceInput) => http.put<Alliance>(`/alliances/${id}`, body, { silent: true })
export const changeAllianceStatus = (id: number, status: AllianceStatus, on: string, note: string) =>
  http.post<Alliance>(`/alliances/${id}/status`, { status, on, note }, { silent: true })

// ----- activities -----
export interface ActivityType {
  id: number
  code: string
  name: string
  hint: string
  open_day: boolean
  status: string
  measures: number[]
}
export interface Audience {
  key: string
  name: string
}
export const activityTypes = () => http.get<{ types: ActivityType[]; audiences: Audience[] }>('/alliance/activity-types')
export type ActivityState = 'planned' | 'done' | 'cancelled'
export interface Activity {
  id: number
  type_id: number
  type_name: string
  organiser_unit_id: number
  organiser_name: string
  title: string
  held_on: string
  ends_on: string
  sessions: number
  dates?: string[]
  place: string
  audience: string[]
  reached_students: number
  reached_parents: number
  reached_teachers: number
  reached_others: number
  reached: number
  description: string
  state: ActivityState
  partners: { unit_id: number; unit_name: string; confirmed: boolean; confirmed_at: number | null }[]
  awaiting_my_confirmation: boolean
  version: number
  may_edit?: boolean
}
export interface ActivityInput {
  type: string
  title: string
  dates: string[]
  place: string
  audience: string[]
  reached_students: number
  reached_parents: number
  reached_teachers: number
  reached_others: number
  description: string
  state: ActivityState
  partners: number[]
  version?: number
}
export interface ActivityQuery extends Query {
  type?: string
  measure?: number
  state?: string
  from?: string
  to?: string
  keyword?: string
  awaiting?: number
  unit?: number
}
export const listActivities = (q: ActivityQuery) => http.get<Page<Activity>>('/alliance/activities', q)
export const getActivity = (id: number) => http.get<Activity>(`/alliance/activities/${id}`)
export const createActivity = (body: ActivityInput) => http.post<Activity>('/alliance/activities', body, { silent: true })
export const updateActivity = (id: number, body: ActivityInput) => http.put<Activity>(`/alliance/activities/${id}`, body, { silent: true })
export const confirmActivity = (id: number) => http.post<Activity>(`/alliance/activities/${id}/confirm`)
export const exportActivities = (q: ActivityQuery) => download('/alliance/activities/export', q, '教联体活动.xlsx')

// ----- 会商 -----
export interface Action {
  id: number
  meeting_id: number
  alliance_id: number
  topic: string
  held_on: string
  title: string
  owner_unit_id: number
  owner_name: string
  convener_unit_id: number
  due_on: string
  status: 'open' | 'done'
  done_note: string
  done_at: number | null
}
export interface Meeting {
  id: number
  alliance_id: number
  held_on: string
  convener_unit_id: number
  convener_name: string
  topic: string
  agenda: string
  decisions: string
  attendees: { unit_id: number; unit_name: string }[]
  actions: Action[]
}
export interface MeetingInput {
  held_on: string
  topic: string
  agenda: string
  decisions: string
  attendees: number[]
  actions: { title: string; owner_unit_id: number; due_on: string }[]
}
export const listMeetings = (allianceId: number) => http.get<{ items: Meeting[] }>(`/alliances/${allianceId}/meetings`)
export const recordMeeting = (allianceId: number, body: MeetingInput) => http.post<Meeting>(`/alliances/${allianceId}/meetings`, body, { silent: true })
export const myActions = () => http.get<{ items: Action[] }>('/alliance/actions')
export const completeAction = (id: number, note: string) => http.post<Action>(`/alliance/actions/${id}/done`, { note }, { silent: true })

// ----- dashboard -----
export interface Count {
  activities: number
  reached: number
}
export interface DistrictCoverage {
  id: number
  name: string
  schools: number
  covered: number
  preparing: number
  alliance_id: number
  alliance_status: '' | AllianceStatus
  formed_since: string | null
  activities: Count
  by_linkage: Count[]
}
export interface Projection {
  months_left: number
  reached: boolean
  pace6: number | null
  pace12: number | null
  projected: number | null
  required: number | null
}
export interface TargetView {
  level: 'district' | 'school'
  label: string
  due_on: string
  source: string
  share_pct: number
  total: number
  met: number
  needed: number
  projection?: Projection
}
export interface Dashboard {
  as_of: string
  kind: 'city' | 'district'
  unit_id: number
  name: string
  schools: number
  covered: number
  preparing: number
  city: { schools: number; covered: number }
  districts: DistrictCoverage[]
  targets: TargetView[]
  trend: { date: string; covered: number }[]
  measures: { code: number; linkage: string; title: string; activities: number; reached: number }[]
  linkages: { key: string; name: string; activities: number; reached: number }[]
  by_month: { month: string; activities: number; reached: number }[]
  idle_measures: number[]
  /** Measures 5 and 10: the sports map's 15-minute walk from the located schools. */
  walk_coverage: { schools: number; without_sports: number; without_study: number; mode: 'network' | 'straight' }
}
export const getDashboard = (district?: number) => http.get<Dashboard>('/alliance/dashboard', { district })
export type DashboardTable = 'districts' | 'trend' | 'targets' | 'measures' | 'linkages' | 'months'
export const exportDashboard = (table: DashboardTable, district?: number) =>
  download('/alliance/dashboard/export', { table, district }, '教联体看板.xlsx')
export type SchoolStatus = 'covered' | 'no_external' | 'not_lead' | 'preparing' | 'none'
export interface SchoolCoverage {
  id: number
  code: string
  name: string
  stage: string
  district_id: number
  district_name: string
  status: SchoolStatus
  status_label: string
  alliance_id: number
  since: string | null
}
export interface SchoolQuery extends Query {
  district?: number
  status?: string
  keyword?: string
  page?: number
  page_size?: number
}
export const dashboardSchools = (q: SchoolQuery) => http.get<Page<SchoolCoverage>>('/alliance/dashboard/schools', q)
export const exportDashboardSchools = (q: SchoolQuery) => download('/alliance/dashboard/schools/export', q, '校级教联体覆盖情况.xlsx')
export interface SchoolOverview {
  school: SchoolCoverage
  counted: boolean
  alliance_name: string
  members: number
  external_members: number
  measures: { code: number; linkage: string; title: string; activities: number }[]
  open_days: { name: string; from: string; to: string; dates: string[]; count: number }[]
  open_days_plan: string
}
export const schoolOverview = (id: number) => http.get<SchoolOverview>(`/alliance/schools/${id}/overview`)

// ----- Excel import -----
export type ImportKind = 'alliances' | 'activities'
export type ImportMode = 'check' | 'all' | 'good'
export interface ImportReport {
  total: number
  good: number
  bad: number
  imported: number
  errors: { row: number; message: string }[]
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const importTemplate = (kind: ImportKind) =>
  download(`/alliance/imports/${kind}/template`, undefined, kind === 'alliances' ? '校级教联体导入模板.xlsx' : '活动导入模板.xlsx')
export const runImport = (kind: ImportKind, file: Blob, mode: ImportMode) =>
  upload<ImportReport>(`/alliance/imports/${kind}`, file, { query: { mode }, contentType: XLSX_TYPE, silent: true })
/** The uploaded rows back with an 错误说明 column, the failing ones first. */
export const importErrors = (kind: ImportKind, file: Blob) =>
  downloadPost(`/alliance/imports/${kind}`, file, XLSX_TYPE, { mode: 'errors' }, kind === 'alliances' ? '校级教联体导入-错误说明.xlsx' : '活动导入-错误说明.xlsx')

// ----- files: an alliance's agreement, an activity's materials -----
export interface AllianceFile {
  id: number
  kind: 'agreement' | 'material'
  name: string
  content_type: string
  size: number
  pages: number
  uploaded_at: number
}
export const allianceFileUrl = (id: number) => `/api/v1/alliance/files/${id}`
export const agreementFiles = (allianceId: number) => http.get<{ items: AllianceFile[] }>(`/alliances/${allianceId}/files`)
export const uploadAgreement = (allianceId: number, file: File) =>
  upload<AllianceFile>(`/alliances/${allianceId}/agreement`, file, { query: { filename: file.name }, contentType: 'application/pdf', silent: true })
export const activityMaterials = (activityId: number) => http.get<{ items: AllianceFile[] }>(`/alliance/activities/${activityId}/materials`)
export const uploadMaterial = (activityId: number, file: File) =>
  upload<AllianceFile>(`/alliance/activities/${activityId}/materials`, file, { query: { filename: file.name }, silent: true })
export const deleteAllianceFile = (id: number) => http.del(`/alliance/files/${id}`)

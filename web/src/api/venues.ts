// The sports map's staff pages: venues, closures, the hours preview, imports, the calendar,
// school places and coverage.
import { download, downloadPost, http, upload } from './http'

export interface Code {
  code: string
  label: string
}
export interface Safety {
  water_depth: string
  surface: string
  tips: string
  lit: boolean | null
  coach_on_duty: boolean | null
  lifeguard_on_duty: boolean | null
}
export interface Venue {
  id: number
  name: string
  kind: string
  kind_label: string
  address: string
  lon: number
  lat: number
  source_crs: string
  district_id: number | null
  district_name?: string | null
  manager_unit_id: number | null
  manager_unit_name?: string | null
  supervisor_unit_id: number | null
  supervisor_unit_name?: string | null
  manager_name: string
  sports: Code[]
  facilities: Code[]
  hours: { pupil: string | null; guardian: string | null; group: string | null }
  hours_note: string
  fee: string
  free_for_students: boolean
  min_age: number | null
  max_age: number | null
  booking: string
  safety: Safety
  phone: string
  description: string
  verified_on: string | null
  source: string
  version: number
  closed?: boolean
  closures?: { id: number; starts_on: string; ends_on: string | null; reason: string; lifted: boolean }[]
}
export interface VenueInput {
  name: string
  kind: string
  address: string
  lon: number | null
  lat: number | null
  crs: string
  district_id: number | null
  manager_unit_id: number | null
  supervisor_unit_id: number | null
  manager_name: string
  sports: string[]
  facilities: string[]
  hours: { pupil: string; guardian: string; group: string }
  hours_note: string
  fee: string
  free_for_students: boolean
  min_age: number | null
  max_age: number | null
  booking: string
  safety: Safety
  phone: string
  description: string
  verified_on: string | null
  version?: number
}
export interface VenueOptions {
  kinds: Record<string, string>
  sports: Record<string, string>
  facilities: Record<string, string>
  audiences: Record<string, string>
  districts: { id: number; name: string }[]
}
export interface VenueQuery {
  keyword?: string
  kind?: string
  district_id?: number
  closed?: string
  page?: number
  page_size?: number
}
export interface DayHours {
  date: string
  weekday: string
  marks: string
  open: string[]
  unknown: string[]
}
export const listVenues = (q: VenueQuery) => http.get<{ items: Venue[]; total: number }>('/venues', { ...q })
export const venueOptions = () => http.get<VenueOptions>('/venues/options')
export const getVenue = (id: number) => http.get<Venue>(`/venues/${id}`)
export const createVenue = (v: VenueInput) => http.post<Venue>('/venues', v, { silent: true })
export const updateVenue = (id: number, v: VenueInput) => http.put<Venue>(`/venues/${id}`, v, { silent: true })
export const deleteVenue = (id: number) => http.del<unknown>(`/venues/${id}`)
export const closeVenue = (id: number, c: { starts_on: string; ends_on: string | null; reason: string }) =>
  http.post<Venue>(`/venues/${id}/closures`, c, { silent: true })
export const reopenVenue = (id: number, closure: number) => http.post<Venue>(`/venues/${id}/closures/${closure}/lift`, {})
export const previewHours = (value: string) => http.post<{ value: string; days: DayHours[] }>('/venues/hours/preview', { value }, { silent: true })

export type ImportFormat = 'xlsx' | 'geojson'
export interface VenueImportReport {
  total: number
  good: number
  bad: number
  added: number
  updated: number
  imported: number
  errors: { row: number; message: string }[]
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const venueTemplate = () => download('/venues/import/template', undefined, '场馆导入模板.xlsx')
export const importVenues = (file: File, format: ImportFormat, crs: string, mode: 'check' | 'all') =>
  upload<VenueImportReport>('/venues/import', file, {
    query: { format, crs, mode, name: file.name },
    contentType: format === 'xlsx' ? XLSX_TYPE : 'application/geo+json',
    silent: true,
  })
export const venueImportErrors = (file: File, crs: string) =>
  downloadPost('/venues/import', file, XLSX_TYPE, { format: 'xlsx', crs, mode: 'errors', name: file.name }, '场馆导入-错误说明.xlsx')

export interface CalendarEntry {
  id: number
  kind: 'ph' | 'workday' | 'sh'
  starts_on: string
  ends_on: string
  name: string
  as_weekday: number
}
export const listCalendar = () => http.get<{ items: CalendarEntry[] }>('/venues/calendar')
export const addCalendar = (e: Omit<CalendarEntry, 'id'>) => http.post<{ id: number }>('/venues/calendar', e, { silent: true })
export const updateCalendar = (e: CalendarEntry) => http.put<unknown>(`/venues/calendar/${e.id}`, e, { silent: true })
export const deleteCalendar = (id: number) => http.del<unknown>(`/venues/calendar/${id}`)

export interface SchoolPlaceRow {
  id: number
  name: string
  lon?: number
  lat?: number
  address?: string
}
export const listSchoolPlaces = (keyword: string, missing: boolean) =>
  http.get<{ items: SchoolPlaceRow[]; total: number; placed: number }>('/venues/schools', { keyword: keyword || undefined, missing: missing ? '1' : undefined })
export const setSchoolPlace = (id: number, p: { lon: number; lat: number; crs: string; address: string }) =>
  http.put<unknown>(`/venues/schools/${id}/place`, p, { silent: true })
export const clearSchoolPlace = (id: number) => http.del<unknown>(`/venues/schools/${id}/place`)

export interface CoverageRow {
  school_id: number
  name: string
  district: string
  lon: number
  lat: number
  sports_minutes: number | null
  sports_name: string
  study_minutes: number | null
  study_name: string
}
export interface Coverage {
  items: CoverageRow[]
  districts: { district: string; schools: number; without_sports: number; without_study: number }[]
  minutes: number
  speed: number
  mode: 'network' | 'straight'
  circuity: number
}
export const getCoverage = () => http.get<Coverage>('/venues/coverage')
export const exportCoverage = () => download('/venues/coverage/export', undefined, '学校15分钟覆盖情况.xlsx')
/** The public map's plain layer (district outlines, main roads), under the coverage map. */
export const publicBasemap = () =>
  http.get<{ areas: { id: number; name: string; ring: [number, number][] }[]; roads: { rank: number; points: [number, number][] }[] }>('/public/venues/basemap')

// The map's API (no login, no CSRF): plain fetch, JSON answers, and the server's error
// envelope {"error":{"code","message"}} turned into MapError.
import { queryString } from './text'

const BASE = '/api/v1/public/venues'

export class MapError extends Error {
  constructor(
    message: string,
    public status: number,
    public code = '',
  ) {
    super(message)
  }
}

async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(BASE + path + queryString(params), { headers: { Accept: 'application/json' } })
  } catch {
    throw new MapError('网络连接失败，请检查网络后重试', 0)
  }
  const text = await res.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!res.ok) {
    const err = (body as { error?: { message?: string; code?: string } } | null)?.error
    throw new MapError(err?.message || `请求失败（${res.status}）`, res.status, err?.code || '')
  }
  return body as T
}

export interface MapMeta {
  kinds: Record<string, string>
  sports: Record<string, string>
  facilities: Record<string, string>
  audiences: Record<string, string>
  network: { state: string; source?: string; nodes?: number }
  speed: number
  circuity: number
  max_minutes: number
  bounds: [number, number, number, number]
  centre: [number, number]
  venues: number
  schools: number
  tianditu_key: string
}

export interface VenueBrief {
  id: number
  name: string
  kind: string
  kind_label: string
  sports_kind: boolean
  address: string
  lon: number
  lat: number
  sports: string[]
  free_for_students: boolean
  admits: string[]
  state: string
  closed: boolean
  walk_minutes?: number
  metres?: number
}

export interface VenueList {
  items: VenueBrief[]
  total: number
  page: number
  page_size: number
}

export interface Reach {
  from: { school_id?: number; name?: string; lon: number; lat: number }
  mode: 'network' | 'straight'
  note: string
  minutes: number
  speed: number
  circuity: number
  items: VenueBrief[]
  total: number
  shed: [number, number][]
}

export interface SchoolPlace {
  id: number
  name: string
  district: string
  lon: number
  lat: number
}

export interface Basemap {
  areas: { id: number; name: string; ring: [number, number][] }[]
  roads: { rank: number; points: [number, number][] }[]
}

export interface DayHours {
  date: string
  weekday: string
  marks: string
  open: string[]
  unknown: string[]
  closed: boolean
}

export interface VenueDetail {
  id: number
  name: string
  kind: string
  kind_label: string
  sports_kind: boolean
  address: string
  lon: number
  lat: number
  manager_name: string
  sports: { code: string; label: string }[]
  facilities: { code: string; label: string }[]
  hours: Record<string, string | null>
  hours_note: string
  fee: string
  free_for_students: boolean
  min_age: number | null
  max_age: number | null
  booking: string
  safety: {
    water_depth: string
    surface: string
    tips: string
    lit: boolean | null
    coach_on_duty: boolean | null
    lifeguard_on_duty: boolean | null
  }
  phone: string
  description: string
  verified_on: string | null
  days: Record<string, DayHours[]>
  state: Record<string, string>
  closures: { starts_on: string; ends_on: string | null; reason: string }[]
}

export const mapApi = {
  meta: () => get<MapMeta>('/meta'),
  list: (params: Record<string, string | number>) => get<VenueList>('', params),
  reach: (params: Record<string, string | number>) => get<Reach>('/reach', params),
  schools: (keyword: string) => get<{ items: SchoolPlace[] }>('/schools', keyword ? { keyword } : {}),
  basemap: () => get<Basemap>('/basemap'),
  venue: (id: number) => get<VenueDetail>(`/${id}`),
}

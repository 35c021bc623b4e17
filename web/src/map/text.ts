// The map's filters as a route query and as the API's query, and the words the pages show.

export interface MapFilters {
  /** a kind code, or the groups "sports" / "study"; "" for every kind */
  kind: string
  sport: string
  facility: string
  free: boolean
  age: string
  /** pupil | guardian | group | "" (any) */
  audience: string
  /** "" (any time), "now", or a local time "2026-12-05T10:00" */
  open: string
  keyword: string
}

export const EMPTY_FILTERS: MapFilters = { kind: '', sport: '', facility: '', free: false, age: '', audience: '', open: '', keyword: '' }

type Query = Record<string, string | null | (string | null)[] | undefined>

function one(v: Query[string]): string {
  if (Array.isArray(v)) return one(v[0])
  return typeof v === 'string' ? v : ''
}

export function filtersFromQuery(q: Query): MapFilters {
  const age = one(q.age)
  const open = one(q.open)
  return {
    kind: one(q.kind),
    sport: one(q.sport),
    facility: one(q.facility),
    free: one(q.free) === '1',
    age: /^\d{1,2}$/.test(age) ? age : '',
    audience: ['pupil', 'guardian', 'group'].includes(one(q.audience)) ? one(q.audience) : '',
    open: open === 'now' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(open) ? open : '',
    keyword: one(q.keyword).slice(0, 30),
  }
}

/** Only what is set, for the route and for the API alike. */
export function filtersToQuery(f: MapFilters): Record<string, string> {
  const out: Record<string, string> = {}
  if (f.kind) out.kind = f.kind
  if (f.sport) out.sport = f.sport
  if (f.facility) out.facility = f.facility
  if (f.free) out.free = '1'
  if (f.age) out.age = f.age
  if (f.audience) out.audience = f.audience
  if (f.open) out.open = f.open
  if (f.keyword.trim()) out.keyword = f.keyword.trim()
  return out
}

export function queryString(params: Record<string, string | number>): string {
  const parts = Object.keys(params).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export function stateLabel(state: string): string {
  if (state === 'open') return '开放中'
  if (state === 'unknown') return '以现场为准'
  return '未开放'
}

/** "约 6 分钟" (at least one minute), "不到 1 分钟" for a venue at the door. */
export function walkLabel(minutes: number): string {
  if (minutes < 1) return '不到 1 分钟'
  return `约 ${Math.round(minutes)} 分钟`
}

export function metresLabel(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${Math.round(m)} 米`
}

/** The Tianditu layer's tile template (Web Mercator) for a browser key. */
export function tiandituUrl(layer: 'vec' | 'cva', key: string): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  )
}

/** Local "2026-12-05T10:00" for a Date (the input's value). */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

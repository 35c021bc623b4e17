// 站内通知 (server/src/modules/notices): what happened to the user's cases and packages.
// Every notice carries an in-app `link` to the page it is about.
import { http } from './http'

export interface Notice {
  id: number
  /** cases.returned, cases.rejected, cases.recommended, cases.package_sent, cases.reminder … */
  kind: string
  title: string
  body: string
  /** An in-app path such as /cases/12/edit or /cases/board?call=3 ('' when there is none). */
  link: string
  created_at: number
  read: boolean
}

export interface NoticePage {
  items: Notice[]
  total: number
  /** All unread notices of the user, whatever the filter. */
  unread: number
}

export interface NoticeQuery {
  unread?: 0 | 1
  page?: number
  page_size?: number
}

export const listNotices = (q: NoticeQuery = {}) => http.get<NoticePage>('/notices', { ...q })
/** The badge's count; silent, since it is polled in the background. */
export const unreadCount = () => http.get<{ unread: number }>('/notices/unread-count', undefined, { silent: true })
export const markRead = (id: number) => http.post<void>(`/notices/${id}/read`, undefined, { silent: true })
export const markAllRead = () => http.post<{ marked: number }>('/notices/read-all')

/** Unread notices addressed to each of the user's units, for the unit switcher. */
export interface UnitUnread {
  membership_id: number
  unit_id: number
  unread: number
}
export const unreadByUnit = () => http.get<{ items: UnitUnread[] }>('/notices/unread-by-unit', undefined, { silent: true })

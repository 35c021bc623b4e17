// Pure logic of 站内通知: the tag of each kind, where clicking a notice goes, and the badge text.

export type NoticeTagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The kinds the server sends today; anything else shows as 通知. */
export const NOTICE_KINDS: Record<string, { label: string; type: NoticeTagType }> = {
  'cases.returned': { label: '退回', type: 'warning' },
  'cases.rejected': { label: '未推荐', type: 'danger' },
  'cases.recommended': { label: '已推荐', type: 'success' },
  'cases.package_sent': { label: '材料已报送', type: 'primary' },
  'cases.reminder': { label: '截止提醒', type: 'warning' },
  'review.selected': { label: '案例入选', type: 'success' },
  'review.not_selected': { label: '评审结果', type: 'info' },
  'review.reminder': { label: '评审提醒', type: 'warning' },
  'review.assigned': { label: '评审任务', type: 'primary' },
}

export function noticeKind(kind: string): { label: string; type: NoticeTagType } {
  return NOTICE_KINDS[kind] ?? { label: '通知', type: 'info' }
}

/**
 * The in-app path a notice opens, or null when it has none the app should follow: only
 * same-site paths ("/cases/12/edit", "/cases/board?call=3"), never "//host" or "https://…".
 */
export function noticeTarget(link: string | null | undefined): string | null {
  const s = (link ?? '').trim()
  if (!s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\')) return null
  if (/[\u0000-\u001f]/.test(s)) return null
  return s
}

/** The public pages (典型案例库) are a page of their own: opened by loading it, not by the app's router. */
export function outsideApp(target: string): boolean {
  const path = pathOf(target)
  return path === '/library' || path.startsWith('/library/')
}

/** The path part of "/cases/review?call=3#x" → "/cases/review". */
export function pathOf(target: string): string {
  return target.replace(/[?#].*$/, '')
}

/**
 * Whether following `target` from `currentFullPath` stays on the same page with another
 * query (e.g. /cases/review?call=5 → ?call=3): the page reads its query when it opens, so
 * it has to be opened again.
 */
export function reopensPage(currentFullPath: string, target: string): boolean {
  return pathOf(currentFullPath) === pathOf(target) && currentFullPath !== target
}

/** The badge: nothing for 0, "99+" above 99. */
export function badgeText(unread: number): string {
  if (!unread || unread < 0) return ''
  return unread > 99 ? '99+' : String(unread)
}

/** A read notice in the list, after marking it read (or all read) without reloading. */
export function markedRead<T extends { id: number; read: boolean }>(items: readonly T[], id?: number): T[] {
  return items.map((n) => (id === undefined || n.id === id ? { ...n, read: true } : n))
}

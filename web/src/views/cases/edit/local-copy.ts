// A copy of unsaved typing in this browser (localStorage), so that nothing typed is lost when a
// save fails, the session ends or the tab closes. Removed as soon as the server has the text.
import type { CaseContent } from '@/api/cases-types'
import { normalizeContent } from '../editor'

export interface LocalCopy {
  title: string
  content: CaseContent
  /** When it was written (ms). */
  at: number
  /** The server version the typing started from. */
  version: number
}

const key = (userId: number, caseId: number) => `xt.case-draft.${userId}.${caseId}`

export function readLocalCopy(userId: number, caseId: number): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(userId, caseId))
    if (!raw) return null
    const v = JSON.parse(raw) as Partial<LocalCopy>
    if (typeof v !== 'object' || !v || typeof v.title !== 'string') return null
    return { title: v.title, content: normalizeContent(v.content), at: Number(v.at) || 0, version: Number(v.version) || 0 }
  } catch {
    return null
  }
}

export function writeLocalCopy(userId: number, caseId: number, copy: LocalCopy): void {
  try {
    localStorage.setItem(key(userId, caseId), JSON.stringify(copy))
  } catch {
    /* storage full or disabled: the page still holds the text */
  }
}

export function clearLocalCopy(userId: number, caseId: number): void {
  try {
    localStorage.removeItem(key(userId, caseId))
  } catch {
    /* ignore */
  }
}

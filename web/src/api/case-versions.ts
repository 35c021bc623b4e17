import { http } from './http'
import type { CaseContent } from './cases-types'

export interface CaseVersionContent {
  version: number
  title: string
  content: CaseContent
}

/** One saved version's title and content, for comparing versions. */
export const caseVersion = (caseId: number, version: number) =>
  http.get<CaseVersionContent>(`/cases/${caseId}/versions/${version}`, undefined, { silent: true })

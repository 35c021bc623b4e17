// What changed between two versions of a case, field by field, for the comparison dialog.
import type { CaseContent, CaseSection } from '@/api/cases-types'
import { diffText, type DiffPart } from '@/utils/textdiff'

export interface FieldChange {
  label: string
  parts: DiffPart[]
  changed: boolean
}

function partnersText(c: CaseContent): string {
  return c.partners.map((p) => p.name).join('、')
}

/** Every field and section in form order; `changed` false when both versions agree. */
export function compareVersions(
  a: { title: string; content: CaseContent },
  b: { title: string; content: CaseContent },
  sections: CaseSection[],
): FieldChange[] {
  const fields: Array<[string, string, string]> = [
    ['案例名称', a.title, b.title],
    ['合作单位', partnersText(a.content), partnersText(b.content)],
    ['协同形式', a.content.form, b.content.form],
    ['聚焦主题', a.content.topics.join('、'), b.content.topics.join('、')],
    ['实践起始时间', a.content.practice_start, b.content.practice_start],
    ['联系人', a.content.contact_name, b.content.contact_name],
    ['联系电话', a.content.contact_phone, b.content.contact_phone],
  ]
  for (const s of sections) fields.push([s.heading, a.content.sections[s.key] ?? '', b.content.sections[s.key] ?? ''])
  return fields.map(([label, x, y]) => ({ label, parts: diffText(x, y), changed: x !== y }))
}

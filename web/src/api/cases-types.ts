// Shapes of the typical-case call API (征集活动 and 典型案例), see server/src/modules/cases.

import type { ListQuery } from './types'

/** One writing section of a case (附件1): "一、成果概述", "（一）实施背景" … */
export interface CaseSection {
  /** Stable key of the section's text in Content.sections (e.g. "overview"). */
  key: string
  heading: string
  /** The level-1 heading the section belongs to ("二、案例介绍"); '' when the section is a level-1 heading itself. */
  group: string
  required: boolean
  /** 字数 limit of the section; 0 = none. */
  max: number
}

export interface TextStyle {
  font: string
  size_pt: number
}

/** How the write-up is laid out in DOCX and PDF (附件1): font and 字号 per level, exact line spacing. */
export interface DocFormat {
  title: TextStyle
  h1: TextStyle
  h2: TextStyle
  body: TextStyle
  line_pt: number
  indent_chars: number
}

/** The rules of a call: who may submit, what a case holds, limits and quotas. */
export interface CallRules {
  unit_types: string[]
  forms: string[]
  topics: string[]
  sections: CaseSection[]
  min_total: number
  max_total: number
  /** 0 = cases carry no author list. */
  max_authors: number
  /** Per city-affiliated school (局属学校). */
  quota_school: number
  /** Per district, its schools included. */
  quota_district: number
  /** City-wide selection (评选). */
  quota_selected: number
  min_practice_months: number
  max_evidence: number
  format: DocFormat
}

export type CallStatus = 'draft' | 'open' | 'closed'

export interface CaseCall {
  id: number
  title: string
  notice: string
  /** YYYY-MM-DD; the call closes at 23:59:59 Asia/Shanghai on that day, plus grace_minutes. */
  deadline_date: string
  deadline_at: number
  grace_minutes: number
  status: CallStatus
  rules: CallRules
  created_at: number
}

export interface CallInput {
  title: string
  notice: string
  deadline_date: string
  grace_minutes: number
  status: CallStatus
  rules?: CallRules
}

export interface CallTemplate {
  rules: CallRules
  zishu_rule: string
  fonts: string[]
}

export type CaseStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'recommended' | 'sent'

/** A partner unit: one of the platform's units (unit_id) or a name typed in for a unit outside it. */
export interface Partner {
  unit_id: number | null
  name: string
}

export interface CaseContent {
  partners: Partner[]
  form: string
  topics: string[]
  /** YYYY-MM-DD or ''. */
  practice_start: string
  still_running: boolean
  contact_name: string
  contact_phone: string
  authors: string[]
  /** Section key → text. */
  sections: Record<string, string>
}

export interface CaseBrief {
  id: number
  call_id: number
  owner_unit_id: number
  owner_unit_name: string
  review_unit_id: number
  title: string
  status: CaseStatus
  version: number
  review_comment: string
  submitted_at: number | null
  created_at: number
  updated_at: number
}

export interface CaseCounts {
  sections: Record<string, number>
  total: number
  /** How 字数 are counted, in words. */
  rule: string
}

export interface CaseDetail extends CaseBrief {
  content: CaseContent
  /** Present on GET, PUT, create and restore; not on submit and withdraw. */
  counts?: CaseCounts
}

export interface CaseQuery extends ListQuery {
  call_id?: number
  status?: string
  /** Part of the title or of the leading unit's name. */
  keyword?: string
  /** 1: only the cases the active unit reviews (no drafts). */
  review?: 0 | 1
}

export interface CaseSave {
  version: number
  title: string
  content: CaseContent
}

export interface CaseProblem {
  code: string
  message: string
  /** e.g. "content.sections.overview", "content.partners"; '' for rules about the call (deadline, quota). */
  field: string
}

export interface CaseCheck {
  ok: boolean
  problems: CaseProblem[]
}

export interface CaseVersion {
  version: number
  title: string
  saved_at: number
  saved_by: string
}

/** One evidence PDF of a case (附件2 案例档案目录). */
export interface Evidence {
  id: number
  case_id: number
  /** 序号, 1-based, in catalog order. */
  seq: number
  name: string
  /** YYYY, YYYY-MM, YYYY-MM-DD or ''. */
  material_date: string
  remark: string
  /** Bytes. */
  size: number
  pages: number
  /** Lowest resolution of the scanned images; 0 when the file has none. */
  min_dpi: number
  /** A scanned page is below 150 dpi. */
  low_dpi: boolean
  /** The lead unit shows it in the public case library once the case is selected. */
  public?: boolean
  /** What the check noticed without refusing the file (files.pdf_low_dpi, files.pdf_auto_print), in Chinese. */
  warnings?: { code: string; message: string }[]
  original_name: string
  created_at: number
}

export interface EvidenceInput {
  name: string
  material_date: string
  remark: string
}

/** The submission quota of the user's unit for a call: per school (局属学校) or per district. */
export interface CaseQuota {
  kind: 'school' | 'district'
  /** The school's or the district bureau's name. */
  scope_name: string
  quota: number
  used: number
  remaining: number
}

import { download, http, type Query } from './http'
import type { AuditQuery, AuditRow, AuditVerify, DictItem, DictItemInput, DictType, Page } from './types'

// ----- dictionaries -----
export const listDicts = () => http.get<{ types: DictType[] }>('/dicts')
export const createDictItem = (type: string, body: DictItemInput) =>
  http.post<DictItem>(`/dicts/${encodeURIComponent(type)}/items`, body, { silent: true })
export const updateDictItem = (id: number, body: Omit<DictItemInput, 'value'>) =>
  http.put<DictItem>(`/dict-items/${id}`, body, { silent: true })
export const deleteDictItem = (id: number) => http.del(`/dict-items/${id}`)

// ----- audit -----
export const listAudit = (q: AuditQuery) => http.get<Page<AuditRow>>('/audit', q as Query)
export const exportAudit = (q: AuditQuery) => download('/audit/export', q as Query, '审计日志.xlsx')
export const verifyAudit = () => http.get<AuditVerify>('/audit/verify')

// 通知附件: the files attached to a call's notice (附件1 模板, 附件2 目录表, 附件3 汇总表…).
// Everyone signed in lists and downloads them; city staff with cases:call:update add and delete.
import { API_BASE, download, http } from './http'
import { uploadFile } from './upload'

export interface CallFile {
  id: number
  call_id: number
  seq: number
  name: string
  content_type: string
  size: number
  created_at: string
}

/** The extensions the server takes for a notice attachment (it checks the content too). */
export const CALL_FILE_EXTENSIONS = ['pdf', 'docx', 'doc', 'xlsx', 'xls'] as const
/** The `accept` of the file input. */
export const CALL_FILE_ACCEPT = CALL_FILE_EXTENSIONS.map((e) => `.${e}`).join(',')
/** The most files one call may have. */
export const MAX_CALL_FILES = 20

export const listCallFiles = (callId: number) => http.get<{ items: CallFile[] }>(`/case-calls/${callId}/files`)

export const uploadCallFile = (callId: number, file: File, onProgress?: (loaded: number, total: number) => void, signal?: AbortSignal) =>
  uploadFile<CallFile>(`/case-calls/${callId}/files`, file, { onProgress, signal })

export const deleteCallFile = (id: number) => http.del(`/call-files/${id}`)

export const callFileUrl = (id: number) => `${API_BASE}/call-files/${id}`

/** Saves the file through fetch (errors shown as a message); resolves to the saved name. */
export const downloadCallFile = (f: Pick<CallFile, 'id' | 'name'>) => download(`/call-files/${f.id}`, undefined, f.name)

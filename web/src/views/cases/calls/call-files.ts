// Pure helpers of the 通知附件 (a call's notice attachments) list and upload.
import { CALL_FILE_EXTENSIONS, MAX_CALL_FILES } from '@/api/call-files'
import { extensionOf } from '@/api/upload'

export const CALL_FILE_TYPE_MESSAGE = '只能上传 PDF、Word（.docx/.doc）或 Excel（.xlsx/.xls）文件'

/** '' when the chosen file may be sent (the server checks the content again), else why not. */
export function callFileProblem(file: { name: string; size: number }, count: number): string {
  if (count >= MAX_CALL_FILES) return `每个征集活动最多${MAX_CALL_FILES}个附件，请先删除不需要的附件`
  if (!(CALL_FILE_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) return CALL_FILE_TYPE_MESSAGE
  if (file.size === 0) return '文件是空的'
  return ''
}

/** "PDF", "Word", "Excel" (from the name), '' when unknown. */
export function callFileKind(name: string): string {
  const ext = extensionOf(name)
  if (ext === 'pdf') return 'PDF'
  if (ext === 'docx' || ext === 'doc') return 'Word'
  if (ext === 'xlsx' || ext === 'xls') return 'Excel'
  return ''
}

/** Sorted by seq (then id): the order the city uploaded them. */
export function sortCallFiles<T extends { seq: number; id: number }>(files: readonly T[]): T[] {
  return files.slice().sort((a, b) => a.seq - b.seq || a.id - b.id)
}

/** The percentage shown while uploading: 0–99 until the answer arrives. */
export function progressPercent(sent: number, total: number): number {
  return total > 0 ? Math.min(99, Math.floor((sent / total) * 100)) : 0
}

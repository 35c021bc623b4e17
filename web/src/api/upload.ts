// Uploads of a file under its own name (e.g. the stamped scan of a package) through http.ts's
// raw-body upload(): the content type from the file or its extension, the name in the query.
import { API_BASE, buildQuery, upload, type Query } from './http'

/** The content types the server takes for a scan, by file extension. */
const TYPES_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
}

/** The extension of a file name in lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const m = /\.([^./\\]+)$/.exec(name)
  return m ? m[1]!.toLowerCase() : ''
}

/** The Content-Type to send: the browser's when it knows it, else guessed from the name. */
export function contentTypeOf(file: { name: string; type?: string }): string {
  if (file.type) return file.type
  return TYPES_BY_EXT[extensionOf(file.name)] ?? 'application/octet-stream'
}

/** "/api/v1/case-calls/3/package/stamp?filename=%E7%9B%96%E7%AB%A0.pdf". */
export function uploadUrl(path: string, filename: string, query?: Query): string {
  const full = path.startsWith('/api/') ? path : API_BASE + path
  return full + buildQuery({ ...query, filename })
}

/** POSTs `file` as the request body with its name in the query; resolves to the JSON answer, rejects with ApiError. */
export function uploadFile<T>(
  path: string,
  file: File,
  opts: { query?: Query; onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return upload<T>(path, file, { query: { ...opts.query, filename: file.name }, contentType: contentTypeOf(file), onProgress: opts.onProgress, signal: opts.signal, silent: true })
}

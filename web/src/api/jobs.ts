// Background jobs (server/src/core/jobs): one queue for every slow piece of work. A job is
// started with its kind and parameters, followed by id until it has finished, and its file is
// downloaded from `download_url`. Each kind decides who may follow it (403 for someone who may
// not use the kind at all, 404 for a job that is not theirs).
import { http } from './http'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'superseded'

export interface Job {
  id: number
  kind: string
  /** The kind in Chinese, e.g. 推荐材料包. */
  kind_name: string
  status: JobStatus
  /** Steps finished so far, of `total`. */
  done: number
  total: number
  /** Why the job failed, naming what is at fault. */
  error: string
  error_code: string
  file_name: string
  size: number
  /** A summary the work left (counts …), null when none. */
  result: unknown
  created_at: number
  finished_at: number | null
  download_url: string
}

export function startJob(kind: string, params: Record<string, unknown>): Promise<Job> {
  return http.post<Job>('/jobs', { kind, params })
}

export function getJob(id: number): Promise<Job> {
  return http.get<Job>(`/jobs/${id}`, undefined, { silent: true })
}

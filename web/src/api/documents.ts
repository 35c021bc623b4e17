// Case documents (server/src/modules/cases/routes_documents.cpp): a case as one archive PDF,
// and a reviewing unit's package ZIP built in the background. A build reports progress
// (done/total cases); asking again with unchanged content returns the finished build at once.
// The build is a job of the shared queue (api/jobs.ts), kind cases.package.
import { API_BASE, http } from './http'
import { getJob, type Job, type JobStatus } from './jobs'

export type BuildStatus = JobStatus

/** A package build: `done` of `total` are the cases plus the summary table. */
export type DocumentBuild = Pick<
  Job,
  'id' | 'status' | 'done' | 'total' | 'error' | 'file_name' | 'size' | 'created_at' | 'finished_at' | 'download_url'
>

export interface PackageBuildState {
  build: DocumentBuild | null
  /** The build still matches the package (no case, order or 附件3 field changed since). */
  fresh: boolean
}

function unitQuery(unitId?: number | null) {
  return unitId ? { unit_id: unitId } : undefined
}

export function packageBuildState(callId: number, unitId?: number | null): Promise<PackageBuildState> {
  return http.get<PackageBuildState>(`/case-calls/${callId}/package/build`, unitQuery(unitId))
}

export function requestPackageBuild(callId: number, unitId?: number | null): Promise<DocumentBuild> {
  return http.post<DocumentBuild>(`/case-calls/${callId}/package/build`, undefined, { query: unitQuery(unitId) })
}

export function getBuild(id: number): Promise<DocumentBuild> {
  return getJob(id)
}

/** Path of a build's file for download() (which adds the API prefix itself). */
export function buildFilePath(b: DocumentBuild): string {
  return b.download_url.startsWith(API_BASE) ? b.download_url.slice(API_BASE.length) : b.download_url
}

export function buildFinished(b: DocumentBuild): boolean {
  return b.status !== 'queued' && b.status !== 'running'
}

/** 0–100 for a progress bar; a queued build shows 0, a finished one 100. */
export function buildPercent(b: DocumentBuild): number {
  if (b.status === 'done') return 100
  if (!b.total) return 0
  return Math.min(99, Math.round((b.done / b.total) * 100))
}

/** What the build is doing, in words. */
export function buildText(b: DocumentBuild): string {
  switch (b.status) {
    case 'queued':
      return '排队等待生成…'
    case 'running':
      return b.total ? `正在生成：已完成 ${b.done} / ${b.total}` : '正在生成…'
    case 'done':
      return '已生成'
    case 'superseded':
      return '已被新生成的材料包替代'
    default:
      return `生成失败：${b.error || '原因不明'}`
  }
}

/**
 * Polls a build until it has finished, reporting each state. Stops early (returning the last
 * state) when the signal aborts, e.g. the page was left.
 */
export async function waitForBuild(
  first: DocumentBuild,
  onProgress: (b: DocumentBuild) => void,
  opts: { intervalMs?: number; signal?: AbortSignal; sleep?: (ms: number) => Promise<void> } = {},
): Promise<DocumentBuild> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  let b = first
  onProgress(b)
  while (!buildFinished(b) && !opts.signal?.aborted) {
    await sleep(opts.intervalMs ?? 500)
    if (opts.signal?.aborted) break
    b = await getBuild(b.id)
    onProgress(b)
  }
  return b
}

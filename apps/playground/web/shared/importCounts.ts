import type { ImportJob } from './types'

/** What "rejected" means, where the count is shown. */
export const REJECTED_HELP =
  '(rows the importer refused: one in every 500 rows of the demo CSV has a broken email, on purpose)'

/**
 * The server's `hub.progress` calls so far: one per row, so while the job runs it is the row the latest
 * progress frame reached; once done, the job's own count.
 */
export function progressCalls(job: ImportJob, current: number | undefined): number {
  return job.status === 'running' ? (current ?? job.progressCalls) : job.progressCalls
}

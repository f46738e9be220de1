import { setTimeout as delay } from 'node:timers/promises'
import { type Hub, HubError } from '@ssehub/server'
import { csvDataLines, parseCustomerRow } from './csv'
import { unlessEngineDown } from './tellTabs'

export interface ImportJob {
  id: string
  tenantId: string
  status: 'running' | 'completed' | 'failed'
  rows: number
  processed: number
  accepted: number
  rejected: number
  /** `hub.progress` calls made for this job: one per row, to show how much coalescing saves. */
  progressCalls: number
  startedAt: string
  finishedAt?: string
}

export interface ImportPacing {
  /** Rows parsed between two yields to the event loop. @default 250 */
  chunkRows?: number
  /** Pause after each chunk, standing in for the database write a real import does there. @default 60 */
  chunkPauseMs?: number
  /**
   * Wait before `complete`. `complete` discards progress that is still pending (so a stale 97 % never
   * lands after "done"); waiting one fast flush interval lets the final 100 % reach the tabs first.
   * @default 600
   */
  settleMs?: number
}

/** Jobs kept per tenant: the oldest finished ones go. */
const MAX_JOBS_PER_TENANT = 20

/** Import jobs per tenant, in memory, numbered per tenant, with at most one running per tenant. */
export class ImportStore {
  readonly #jobs = new Map<string, ImportJob>()
  readonly #seq = new Map<string, number>()

  start(tenantId: string, rows: number): ImportJob | undefined {
    if (this.list(tenantId).some((job) => job.status === 'running')) return undefined
    const seq = (this.#seq.get(tenantId) ?? 0) + 1
    this.#seq.set(tenantId, seq)
    const old = this.list(tenantId, Number.POSITIVE_INFINITY).slice(MAX_JOBS_PER_TENANT - 1)
    for (const job of old) this.#jobs.delete(`${tenantId}/${job.id}`)
    const job: ImportJob = {
      id: `imp_${seq}`,
      tenantId,
      status: 'running',
      rows,
      processed: 0,
      accepted: 0,
      rejected: 0,
      progressCalls: 0,
      startedAt: new Date().toISOString(),
    }
    this.#jobs.set(`${tenantId}/${job.id}`, job)
    return job
  }

  get(tenantId: string, id: string): ImportJob | undefined {
    return this.#jobs.get(`${tenantId}/${id}`)
  }

  /** The tenant's jobs, newest first. */
  list(tenantId: string, limit = 5): ImportJob[] {
    return [...this.#jobs.values()]
      .filter((job) => job.tenantId === tenantId)
      .reverse()
      .slice(0, limit)
  }
}

/**
 * Parses the CSV in chunks, yielding to the event loop between them so the server keeps serving, and
 * calls `hub.progress` for every row — 10,000 calls that each tab receives as a handful of frames, since
 * the coalesced lane keeps only the latest value per flush. Ends with `hub.complete`.
 */
export async function runImport(
  hub: Hub,
  job: ImportJob,
  csv: string,
  { chunkRows = 250, chunkPauseMs = 60, settleMs = 600 }: ImportPacing = {},
): Promise<void> {
  const group = { tenant_id: job.tenantId }
  try {
    const lines = csvDataLines(csv)
    for (let start = 0; start < lines.length; start += chunkRows) {
      for (const line of lines.slice(start, start + chunkRows)) {
        if ('error' in parseCustomerRow(line)) job.rejected += 1
        else job.accepted += 1
        job.processed += 1
        job.progressCalls += 1
        // A progress value lost while the engine is down is no failure: the import goes on.
        await hub
          .progress('imports', { id: job.id, current: job.processed, total: lines.length, group })
          .catch(unlessEngineDown)
      }
      await delay(chunkPauseMs)
    }
    await delay(settleMs)
    job.status = 'completed'
  } catch (error) {
    job.status = 'failed'
    // A closed hub means the server is shutting down, which is no failure worth a stack trace.
    if (!(error instanceof HubError && error.code === 'hub_closed')) {
      console.error(`[playground] import ${job.id} failed`, error)
    }
  }
  job.finishedAt = new Date().toISOString()
  const { status, accepted, rejected, progressCalls } = job
  await hub
    .complete('imports', {
      id: job.id,
      status: status === 'failed' ? 'failed' : 'completed',
      group,
      hint: { accepted, rejected, progressCalls },
    })
    .catch(() => {}) // the hub closed meanwhile: nobody is listening any more
}

import { isSameId } from './bind/classifyKey'
import type { EventStream } from './createEventStream'

/** Where a long job stands, from its `progress` and `complete` events. */
export interface Progress {
  /** Units done, as the server last said. */
  current: number
  /** Units in all. */
  total: number
  /** 0–100. */
  pct: number
  /** `running` while `progress` events arrive; `completed` (at 100 %) or `failed` after `complete`. */
  status: 'running' | 'completed' | 'failed'
}

/**
 * The job to follow: the `resource` and `id` given to `hub.progress` and `hub.complete`. They are read at
 * each event, so getters over changing values work. A number and its decimal string are the same id.
 */
export interface ProgressJob {
  resource: string
  id: string | number
}

/** Where `trackProgress` keeps the latest value: a React store, a Vue ref, a plain variable. */
export interface ProgressState {
  /** The latest value, `undefined` before the first event. */
  get(): Progress | undefined
  /** Stores the next value. */
  set(progress: Progress): void
}

/**
 * Follows one job's `progress` and `complete` events (`hub.progress('imports', { id, … })`) into `state`:
 * the latest numbers while it runs, then `completed` at 100 % or `failed` where it stopped. The framework
 * adapters' `useProgress` are this plus their own state. Returns the function that stops listening.
 *
 * @example
 * const stop = trackProgress(stream, { resource: 'imports', id: importId }, {
 *   get: () => progress,
 *   set: (next) => render((progress = next)),
 * })
 */
export function trackProgress(
  stream: Pick<EventStream, 'on'>,
  job: ProgressJob,
  state: ProgressState,
): () => void {
  const isJob = (data: ProgressJob) => data.resource === job.resource && isSameId(data.id, job.id)
  const offProgress = stream.on('progress', (data) => {
    if (isJob(data)) state.set({ current: data.current, total: data.total, pct: data.pct, status: 'running' })
  })
  const offComplete = stream.on('complete', (data) => {
    if (!isJob(data)) return
    const { current = 0, total = 0, pct = 0 } = state.get() ?? {}
    state.set(
      data.status === 'completed'
        ? { current: total || current, total, pct: 100, status: 'completed' }
        : { current, total, pct, status: 'failed' },
    )
  })
  return () => {
    offProgress()
    offComplete()
  }
}

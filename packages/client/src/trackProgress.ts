import type { EventStream } from './createEventStream'

/** Where a long job stands, from its `progress` and `complete` events. */
export interface Progress {
  current: number
  total: number
  /** 0–100. */
  pct: number
  /** `running` while `progress` events arrive; `completed` (at 100 %) or `failed` after `complete`. */
  status: 'running' | 'completed' | 'failed'
}

/** Where `trackProgress` keeps the latest value: a React store, a Vue ref, a plain variable. */
export interface ProgressState {
  get(): Progress | undefined
  set(progress: Progress): void
}

/**
 * Follows one job's `progress` and `complete` events (`hub.progress('imports', id, …)`) into `state`:
 * the latest numbers while it runs, then `completed` at 100 % or `failed` where it stopped. The framework
 * adapters' `useProgress` are this plus their own state. Returns the function that stops listening.
 *
 * @example
 * const stop = trackProgress(stream, (job) => job.resource === 'imports' && job.id === importId, {
 *   get: () => progress,
 *   set: (next) => render((progress = next)),
 * })
 */
export function trackProgress(
  stream: Pick<EventStream, 'on'>,
  isJob: (job: { resource: string; id: string }) => boolean,
  state: ProgressState,
): () => void {
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

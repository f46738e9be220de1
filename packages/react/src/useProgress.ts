import { type EventStream, type Progress, trackProgress } from '@ssehub/client'
import { useMemo, useSyncExternalStore } from 'react'
import { useEventStreamLookup } from './useEventStreamLookup'

/**
 * The latest progress of one job (`hub.progress('imports', { id, … })`), `undefined` until the first event;
 * after `complete` it stays with `status` `completed` or `failed`. A number and its decimal string are the
 * same id. Throws `EventStreamError` `no_provider` outside an {@link EventStreamProvider}.
 *
 * @example
 * const progress = useProgress('imports', importId)
 * return progress ? <meter value={progress.pct} max={100} /> : null
 */
export function useProgress(resource: string, id: string | number): Progress | undefined {
  const stream = useEventStreamLookup('useProgress')
  // Keyed by the id's string: `5` then `'5'` is the same job, whose progress must not start over.
  const jobId = String(id)
  const store = useMemo(() => createProgressStore(stream, resource, jobId), [stream, resource, jobId])
  return useSyncExternalStore(store.subscribe, store.get, store.getServer)
}

/** A store of one job's progress; it listens only while subscribed. */
function createProgressStore(stream: EventStream | undefined, resource: string, id: string) {
  let progress: Progress | undefined
  return {
    get: () => progress,
    getServer: () => undefined,
    subscribe(onChange: () => void) {
      if (!stream) return () => {}
      return trackProgress(
        stream,
        { resource, id },
        {
          get: () => progress,
          set(next) {
            progress = next
            onChange()
          },
        },
      )
    },
  }
}

import type { EventStream } from '@ssehub/client'
import { useMemo, useSyncExternalStore } from 'react'
import { useEventStreamLookup } from './useEventStreamLookup'

/** Where a long job stands, from its `progress` and `complete` events. */
export interface Progress {
  current: number
  total: number
  /** 0–100. */
  pct: number
  /** `running` while `progress` events arrive; `completed` (at 100 %) or `failed` after `complete`. */
  status: 'running' | 'completed' | 'failed'
}

/**
 * The latest progress of one job (`hub.progress('imports', id, …)`), `undefined` until the first event;
 * after `complete` it stays with `status` `completed` or `failed`.
 *
 * @example
 * const progress = useProgress('imports', importId)
 * return progress ? <meter value={progress.pct} max={100} /> : null
 */
export function useProgress(resource: string, id: string): Progress | undefined {
  const stream = useEventStreamLookup('useProgress')
  const store = useMemo(() => createProgressStore(stream, resource, id), [stream, resource, id])
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
      const offProgress = stream.on('progress', (data) => {
        if (data.resource !== resource || data.id !== id) return
        progress = { current: data.current, total: data.total, pct: data.pct, status: 'running' }
        onChange()
      })
      const offComplete = stream.on('complete', (data) => {
        if (data.resource !== resource || data.id !== id) return
        const { current = 0, total = 0, pct = 0 } = progress ?? {}
        progress =
          data.status === 'completed'
            ? { current: total || current, total, pct: 100, status: 'completed' }
            : { current, total, pct, status: 'failed' }
        onChange()
      })
      return () => {
        offProgress()
        offComplete()
      }
    },
  }
}

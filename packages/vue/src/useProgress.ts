import { type MaybeRefOrGetter, onScopeDispose, type ShallowRef, shallowRef, toValue, watch } from 'vue'
import { injectEventStream } from './useResolvedStream'

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
 * The latest progress of one job (`hub.progress('imports', id, …)`) as a ref, `undefined` until the first
 * event; after `complete` it stays with `status` `completed` or `failed`. A new resource or id starts over.
 *
 * @example
 * const progress = useProgress('imports', () => props.importId)
 */
export function useProgress(
  resource: MaybeRefOrGetter<string>,
  id: MaybeRefOrGetter<string>,
): Readonly<ShallowRef<Progress | undefined>> {
  const stream = injectEventStream('to use useProgress')
  const progress = shallowRef<Progress>()
  if (!stream) return progress
  // A new job starts from nothing, not from the last one's numbers.
  watch([() => toValue(resource), () => toValue(id)], () => {
    progress.value = undefined
  })
  const isThisJob = (data: { resource: string; id: string }) =>
    data.resource === toValue(resource) && data.id === toValue(id)
  const offProgress = stream.on('progress', (data) => {
    if (isThisJob(data))
      progress.value = { current: data.current, total: data.total, pct: data.pct, status: 'running' }
  })
  const offComplete = stream.on('complete', (data) => {
    if (!isThisJob(data)) return
    const { current = 0, total = 0, pct = 0 } = progress.value ?? {}
    progress.value =
      data.status === 'completed'
        ? { current: total || current, total, pct: 100, status: 'completed' }
        : { current, total, pct, status: 'failed' }
  })
  onScopeDispose(() => {
    offProgress()
    offComplete()
  })
  return progress
}

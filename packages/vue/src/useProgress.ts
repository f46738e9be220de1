import { type Progress, trackProgress } from '@ssehub/client'
import { type MaybeRefOrGetter, onScopeDispose, type ShallowRef, shallowRef, toValue, watch } from 'vue'
import { injectEventStream } from './useResolvedStream'

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
  const isThisJob = (job: { resource: string; id: string }) =>
    job.resource === toValue(resource) && job.id === toValue(id)
  onScopeDispose(
    trackProgress(stream, isThisJob, {
      get: () => progress.value,
      set: (next) => {
        progress.value = next
      },
    }),
  )
  return progress
}

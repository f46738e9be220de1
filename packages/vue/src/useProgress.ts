import { type Progress, trackProgress } from '@ssehub/client'
import { type MaybeRefOrGetter, onScopeDispose, type ShallowRef, shallowRef, toValue, watch } from 'vue'
import { injectEventStream } from './useResolvedStream'

/**
 * The latest progress of one job (`hub.progress('imports', { id, … })`) as a ref, `undefined` until the first
 * event; after `complete` it stays with `status` `completed` or `failed`. A new resource or id starts over;
 * a number and its decimal string are the same id. Throws `EventStreamError` `no_provider` without the plugin.
 *
 * @example
 * const progress = useProgress('imports', () => props.importId)
 */
export function useProgress(
  resource: MaybeRefOrGetter<string>,
  id: MaybeRefOrGetter<string | number>,
): Readonly<ShallowRef<Progress | undefined>> {
  const stream = injectEventStream('to use useProgress')
  const progress = shallowRef<Progress>()
  if (!stream) return progress
  // A new job starts from nothing, not from the last one's numbers; at once (`sync`), so an event of the
  // new job that arrives before the next render is not wiped by a late reset. The id as a string: `5`
  // then `'5'` is the same job.
  watch(
    [() => toValue(resource), () => String(toValue(id))],
    () => {
      progress.value = undefined
    },
    { flush: 'sync' },
  )
  // Getters: the job is read at each event, so a changed prop follows the new job.
  const job = {
    get resource() {
      return toValue(resource)
    },
    get id() {
      return toValue(id)
    },
  }
  onScopeDispose(
    trackProgress(stream, job, {
      get: () => progress.value,
      set: (next) => {
        progress.value = next
      },
    }),
  )
  return progress
}

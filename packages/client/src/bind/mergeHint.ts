import type { InvalidationData } from '@ssehub/protocol'

/**
 * Computes a query's next data from a `hint`; returning `undefined` means "can't apply it", and the query is
 * refetched as if there were no hint.
 */
export type HintMerger = (cached: unknown, hint: unknown, event: InvalidationData) => unknown

/**
 * The default {@link HintMerger}: a shallow merge of an object hint into object data
 * (`{ ...cached, ...hint }`). Anything else (arrays, no cached data) is left to a refetch.
 */
export const mergeHint: HintMerger = (cached, hint) =>
  isObject(cached) && isObject(hint) ? { ...cached, ...hint } : undefined

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

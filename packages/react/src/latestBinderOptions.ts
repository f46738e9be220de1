import type { BinderReport, HintMerger, ResourcePatches, StormGuardOptions } from '@ssehub/client/query'
import { mergeHint } from '@ssehub/client/query'

/** The binder options both `useInvalidationStream` flavours share. */
interface SharedBinderOptions {
  applyHint?: boolean | HintMerger
  patches?: ResourcePatches
  stormGuard?: StormGuardOptions | false
  onDecisions?: (report: BinderReport) => void
}

/**
 * The shared binder options, reading the latest render's `applyHint`, `patches` and `onDecisions` at
 * each event (so an inline object or function does not rebind), and `stormGuard` once, when the stream
 * binds: the guard keeps per-key state that a rebind would lose.
 */
export function latestBinderOptions(latest: { readonly current: SharedBinderOptions }): SharedBinderOptions {
  return {
    applyHint: function latestApplyHint(cached, hint, event) {
      const { applyHint } = latest.current
      // Turned off, it declines, and the query refetches.
      if (!applyHint) return undefined
      return (applyHint === true ? mergeHint : applyHint)(cached, hint, event)
    },
    patches: new Proxy({} as ResourcePatches, {
      get: (_, resource) => (typeof resource === 'string' ? latest.current.patches?.[resource] : undefined),
    }),
    stormGuard: latest.current.stormGuard,
    onDecisions: (report) => latest.current.onDecisions?.(report),
  }
}

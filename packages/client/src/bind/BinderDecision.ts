import type { InvalidationData } from '@ssehub/protocol'
import type { KeyKind } from './classifyKey'
import type { InvalidationNotice } from './listenForInvalidations'

/**
 * What a binder did with one cache key:
 * - `refetched`: the key is on screen (an active query, a mounted SWR hook) and was refetched now;
 * - `marked-stale`: no one shows it; it was marked stale and refetches when it is next used;
 * - `patched`: the event said enough (a `hint`, a removal) and the cached data was updated in place;
 * - `held`: on screen, but refetched too often lately: the storm guard holds it (marked stale meanwhile)
 *   and refetches it once when `retryInMs` is over;
 * - `skipped-inactive`: nothing was done because nothing shows it: an SWR key with no mounted hook
 *   (SWR revalidates it at its next mount), or a held key whose query is gone or unused when its trailing
 *   refetch came due.
 */
export type DecisionOutcome = 'refetched' | 'marked-stale' | 'patched' | 'held' | 'skipped-inactive'

/** One binder decision about one cache key, as a devtools panel would list it. */
export interface BinderDecision {
  /** The key as the app wrote it: a TanStack query key, an SWR key. */
  key: unknown
  outcome: DecisionOutcome
  /** `event`: events of this flush; `resync`: the stream may have missed events; `trailing`: the storm guard's due refetch. */
  cause: 'event' | 'resync' | 'trailing'
  /** How the key matched the event(s) it is about; absent for a resync and a trailing run. */
  kind?: KeyKind
  /** The events of this flush that concerned the key, in arrival order (empty for a resync or trailing run). */
  events: readonly InvalidationData[]
  /** For `held`: milliseconds until the trailing refetch. */
  retryInMs?: number
}

/** Everything a binder decided in one flush (one animation frame of events, or one trailing refetch). */
export interface BinderReport {
  /** What arrived, in order; empty for a trailing refetch. Events that concern no cached key show here only. */
  notices: readonly InvalidationNotice[]
  decisions: readonly BinderDecision[]
}

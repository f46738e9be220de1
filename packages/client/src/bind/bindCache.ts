import type { InvalidationData } from '@ssehub/protocol'
import { inspectorOf } from '../inspect/StreamInspector'
import { reportError } from '../reportError'
import type { BinderDecision, BinderReport, DecisionOutcome } from './BinderDecision'
import type { KeyKind } from './classifyKey'
import { coveredResources } from './coveredResources'
import { createFrameQueue } from './createFrameQueue'
import { createStormGuard, type StormGuardOptions } from './createStormGuard'
import {
  type InvalidationNotice,
  type InvalidationSource,
  listenForInvalidations,
} from './listenForInvalidations'
import { type HintMerger, mergeHint } from './mergeHint'
import type { ResourcePatches } from './ResourcePatch'

/** One cache entry as the binder sees it: the app's key and the cache's hash of it. */
export interface CacheEntry {
  key: unknown
  hash: string
  /** False for entries whose data is not the key's plain data (SWR infinite pages): never patched. */
  patchable?: boolean
}

/** What the binder needs of a cache (TanStack's, SWR's). */
export interface CacheAdapter<Entry extends CacheEntry> {
  entries(): Iterable<Entry>
  find(hash: string): Entry | undefined
  /** Whether something shows the entry now; `undefined` when the cache only knows once it refetches (SWR). */
  isActive(entry: Entry): boolean | undefined
  getData(entry: Entry): unknown
  setData(entry: Entry, data: unknown): void
  /** Refetches what is on screen among `entries`; says for each whether it did. */
  refetch(entries: Entry[]): Array<'refetched' | 'skipped-inactive'>
  /** Marks `entries` stale without fetching (a no-op where the cache has no such notion). */
  markStale(entries: Entry[]): void
}

/** How events meet keys: the binder's matching, patches and pacing, from its options. */
export interface BinderRules {
  /** How `key` relates to `event`, or `undefined` when it does not. */
  match(key: unknown, event: InvalidationData): KeyKind | undefined
  /** Merges a hint into every resource's record (the `applyHint` option). */
  applyHint?: boolean | HintMerger
  patches?: ResourcePatches
  /** `false` refetches every event at once (only the per-frame coalescing remains). */
  stormGuard?: StormGuardOptions | false
  onDecisions?: (report: BinderReport) => void
}

type Hit = { event: InvalidationData; kind: KeyKind }

/** Runs app code (a mapping, a patch, a listener): a throw is reported and counts as "no answer". */
function guarded<T>(run: () => T): T | undefined {
  try {
    return run()
  } catch (error) {
    reportError(error)
    return undefined
  }
}

/**
 * The engine of both binders: listens to the stream, coalesces each frame's notices, decides for every
 * cache entry they concern what to do (in {@link decide}, the one place that decides), does it through
 * the cache adapter, and reports every decision. Returns the function that unbinds: no listener,
 * queued notice or storm-guard timer survives it.
 */
export function bindCache<Entry extends CacheEntry>(
  stream: InvalidationSource,
  adapter: CacheAdapter<Entry>,
  rules: BinderRules,
): () => void {
  const guard = rules.stormGuard === false ? undefined : createStormGuard(rules.stormGuard)
  const fallbackMerger = rules.applyHint === true ? mergeHint : rules.applyHint || undefined

  /** Next data of `entry` after every hit, or `undefined` when one of them can't be applied. */
  const patched = (entry: Entry, hits: Hit[]): { data: unknown } | undefined => {
    if (entry.patchable === false) return undefined
    let data = adapter.getData(entry)
    for (const { event, kind } of hits) {
      if (data === undefined || kind === 'recordPart') return undefined
      const patch = rules.patches?.[event.resource]
      const cached = data
      if (kind === 'list') {
        const list = patch?.list
        data = list && guarded(() => list(cached, event, entry.key))
        continue
      }
      const record = patch?.record
      const merge = record === true ? mergeHint : (record ?? fallbackMerger)
      data = merge && event.hint !== undefined ? guarded(() => merge(cached, event.hint, event)) : undefined
    }
    return data === undefined ? undefined : { data }
  }

  const match = (key: unknown, event: InvalidationData) => guarded(() => rules.match(key, event))
  // Devtools watching the stream (`inspectStream`) see every report too.
  const inspector = inspectorOf(stream)
  const report = (report: BinderReport) => {
    if (rules.onDecisions) guarded(() => rules.onDecisions?.(report))
    inspector?.emit?.({ kind: 'decisions', at: Date.now(), report })
  }

  /** Every decision of one flush: what each concerned entry gets, before any of it is done. */
  const decide = (notices: InvalidationNotice[]) => {
    const decisions: Array<BinderDecision & { entry: Entry; data?: unknown }> = []
    const covered = notices.some((notice) => notice.kind === 'resync') ? coveredResources(stream.topics) : []
    for (const entry of adapter.entries()) {
      const resync =
        covered === 'all' || covered.some((resource) => match(entry.key, { resource }) !== undefined)
      const hits: Hit[] = []
      for (const notice of notices) {
        if (notice.kind !== 'invalidate') continue
        const kind = match(entry.key, notice.event)
        if (kind !== undefined) hits.push({ event: notice.event, kind })
      }
      if (!resync && hits.length === 0) continue
      const base = {
        entry,
        key: entry.key,
        cause: resync ? ('resync' as const) : ('event' as const),
        events: hits.map((hit) => hit.event),
        ...(resync ? {} : { kind: hits[0]?.kind }),
      }
      // Events were missed, so a hint is no proof of freshness: a resync always refetches.
      const patch = resync ? undefined : patched(entry, hits)
      if (patch) {
        decisions.push({ ...base, outcome: 'patched', data: patch.data })
        continue
      }
      if (adapter.isActive(entry) === false) {
        decisions.push({ ...base, outcome: 'marked-stale' })
        continue
      }
      if (resync || !guard) {
        guard?.record(entry.hash)
        decisions.push({ ...base, outcome: 'refetched' })
        continue
      }
      const answer = guard.request(entry.hash, () => trailing(entry.hash, entry.key))
      decisions.push(
        answer.now ? { ...base, outcome: 'refetched' } : { ...base, outcome: 'held', retryInMs: answer.inMs },
      )
    }
    return decisions
  }

  /** Does what `decide` said, and reports it (a refetch of an unmounted SWR key turns out skipped). */
  const apply = (notices: InvalidationNotice[], decisions: ReturnType<typeof decide>) => {
    const refetch = decisions.filter((decision) => decision.outcome === 'refetched')
    const stale = decisions.filter((d) => d.outcome === 'marked-stale' || d.outcome === 'held')
    for (const decision of decisions)
      if (decision.outcome === 'patched') adapter.setData(decision.entry, decision.data)
    if (stale.length > 0) adapter.markStale(stale.map((decision) => decision.entry))
    const outcomes: DecisionOutcome[] = refetch.length > 0 ? adapter.refetch(refetch.map((d) => d.entry)) : []
    refetch.forEach((decision, index) => {
      decision.outcome = outcomes[index] ?? decision.outcome
    })
    report({ notices, decisions: decisions.map(({ entry: _entry, data: _data, ...decision }) => decision) })
  }

  /** The storm guard's due refetch of one key: whatever shows it now gets the latest data. */
  const trailing = (hash: string, key: unknown) => {
    const entry = adapter.find(hash)
    const cause = 'trailing' as const
    if (entry === undefined || adapter.isActive(entry) === false) {
      // The query was removed, or no one shows it any more: it stays stale until it is used.
      report({ notices: [], decisions: [{ key, cause, events: [], outcome: 'skipped-inactive' }] })
      return
    }
    apply([], [{ entry, key: entry.key, cause, events: [], outcome: 'refetched' }])
  }

  const queue = createFrameQueue((notices: InvalidationNotice[]) => apply(notices, decide(notices)))
  const stopListening = listenForInvalidations(stream, queue.push)
  return function unbind() {
    stopListening()
    queue.cancel()
    guard?.dispose()
  }
}

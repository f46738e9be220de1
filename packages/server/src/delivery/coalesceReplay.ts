import type { HubEvent } from '../events'

/**
 * What a resume replays of the missed events: all of them, except coalesced values that a later value of
 * the same key replaced, or that an event superseding their key (a `complete`) made stale — as a live
 * connection would have had them. A resume after a 10,000-row import replays one progress frame, not 10,000.
 */
export function coalesceReplay(events: readonly HubEvent[]): HubEvent[] {
  const latest = new Map<string, number>()
  events.forEach((event, index) => {
    if (event.lane === 'coalesced') latest.set(coalesceKeyOf(event), index)
    else if (event.supersedes !== undefined) latest.set(event.supersedes, index)
  })
  return events.filter(
    (event, index) => event.lane !== 'coalesced' || latest.get(coalesceKeyOf(event)) === index,
  )
}

/** The key a coalesced event replaces others by; the same default the connection's lane uses. */
export function coalesceKeyOf(event: HubEvent): string {
  return event.coalesceKey ?? `${event.type}:${event.topics[0]}`
}

// An engine author's module: a replay store that wraps another, from the server's engine entry, and the
// HubError of the main entry (one class across both entries, so `instanceof` holds).
import { HubError, memoryReplay } from '@ssehub/server'
import { assertPositiveIntegers, type HubEvent, isExpired, type ReplayStore } from '@ssehub/server/engine'

export function countingReplay(options: { maxEvents?: number } = {}): ReplayStore & { recorded(): number } {
  const { maxEvents = 100 } = options
  assertPositiveIntegers('countingReplay', { maxEvents })
  const inner = memoryReplay({ maxEvents })
  let recorded = 0
  return {
    record(event: HubEvent) {
      if (isExpired(event, Date.now())) return
      recorded += 1
      inner.record(event)
    },
    since: (lastEventId, headId, filter) => inner.since(lastEventId, headId, filter),
    recorded: () => recorded,
  }
}

export function refusesBadOptions(): boolean {
  try {
    countingReplay({ maxEvents: 0 })
    return false
  } catch (error) {
    return error instanceof HubError && error.code === 'invalid_option'
  }
}

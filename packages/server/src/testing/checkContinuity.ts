import type { BusGap } from '../engine/Bus'

/** One thing a subscriber or a client received: an event (by id) or a gap (a `resync`). */
export type ContinuityEntry = { id: string } | { gap: BusGap['reason'] | 'overflow' }

export interface ContinuityOptions {
  /** Let an id arrive twice (the documented at-least-once corners). @default false */
  allowDuplicates?: boolean
}

/**
 * What is wrong with `log` against the "no silent loss" contract, as sentences (empty when it holds):
 * every id of `published` (the stream order of the events the receiver is owed) arrives once, in that
 * order, or a gap arrives after the last event before it and before the first event after it. An id
 * that was never published, one out of order and, unless allowed, one twice, are violations too.
 *
 * @example
 * expect(checkContinuity(publishedIds, client.log)).toEqual([])
 */
export function checkContinuity(
  published: readonly string[],
  log: readonly ContinuityEntry[],
  { allowDuplicates = false }: ContinuityOptions = {},
): string[] {
  const position = new Map(published.map((id, index) => [id, index]))
  const violations: string[] = []
  // For every published position: the log index where it arrived first.
  const arrivedAt = new Array<number>(published.length).fill(-1)
  const gapIndexes: number[] = []
  let lastPosition = -1
  for (const [index, entry] of log.entries()) {
    if ('gap' in entry) {
      gapIndexes.push(index)
      continue
    }
    const at = position.get(entry.id)
    if (at === undefined) {
      violations.push(`${entry.id} was never published`)
      continue
    }
    if (arrivedAt[at] !== -1) {
      if (!allowDuplicates) violations.push(`${entry.id} arrived twice`)
      continue
    }
    if (at < lastPosition)
      violations.push(`${entry.id} arrived after ${published[lastPosition]}, out of order`)
    arrivedAt[at] = index
    lastPosition = Math.max(lastPosition, at)
  }
  // Where each event belonged in the log: after the last arrival before it, before the first after it.
  const latestBefore = new Array<number>(published.length)
  for (let at = 0, latest = -1; at < published.length; at++) {
    latestBefore[at] = latest
    latest = Math.max(latest, arrivedAt[at]!)
  }
  const earliestAfter = new Array<number>(published.length)
  for (let at = published.length - 1, earliest = log.length; at >= 0; at--) {
    earliestAfter[at] = earliest
    if (arrivedAt[at] !== -1) earliest = Math.min(earliest, arrivedAt[at]!)
  }
  let lost = 0
  let firstLost: string | undefined
  for (let at = 0; at < published.length; at++) {
    if (arrivedAt[at] !== -1) continue
    const after = latestBefore[at]!
    const before = earliestAfter[at]!
    if (gapIndexes.some((gap) => gap > after && gap < before)) continue
    lost += 1
    firstLost ??= published[at]
  }
  if (lost > 0) violations.push(`${lost} event(s) lost without a gap, the first ${firstLost}`)
  return violations
}

import type { BusGap } from './Bus'

/**
 * Where a reader of a shared log stands, for an engine whose entries carry a dense sequence number
 * (1, 2, 3, … with no holes, assigned in commit order) and the epoch of the log (random, made when the
 * store first holds it, so a store that came back empty or was replaced has a new one).
 */
export interface LogPosition {
  /** `undefined` while the store has no log yet (nothing was ever published, or it was wiped). */
  epoch: string | undefined
  /** Sequence number of the last entry taken; 0 before any. */
  seq: number
}

/**
 * Whether an entry read after `position` follows it directly (`'next'`), or what break lies between:
 * `'epoch'` for another log (a new epoch) or a sequence that went backwards (a store restored from an
 * older state), `'replay-gap'` for entries that are gone (trimmed before this reader took them).
 */
export function entryContinuity(
  position: LogPosition,
  entry: { epoch: string; seq: number },
): 'next' | BusGap['reason'] {
  if (position.epoch !== undefined && entry.epoch !== position.epoch) return 'epoch'
  if (entry.seq <= position.seq) return 'epoch'
  return entry.seq === position.seq + 1 ? 'next' : 'replay-gap'
}

/**
 * Whether the log's current head (its epoch and newest sequence number, read in one snapshot) is still
 * the log `position` was taken from: `'epoch'` when the store lost it (no epoch now, or another one) or
 * its sequence went backwards. A head ahead of the position is fine: those entries are checked one by
 * one with `entryContinuity` as they are read.
 */
export function headContinuity(position: LogPosition, head: LogPosition): 'same' | 'epoch' {
  if (position.epoch === undefined) return head.seq < position.seq ? 'epoch' : 'same'
  if (head.epoch !== position.epoch || head.seq < position.seq) return 'epoch'
  return 'same'
}

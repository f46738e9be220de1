import { EventStreamError } from '../EventStreamError'

/** Options of the storm guard: how often one key may refetch. */
export interface StormGuardOptions {
  /**
   * The shortest time between two refetches of one key: events closer than this are one refetch.
   * @default 1000
   */
  minIntervalMs?: number
  /**
   * The longest: a key invalidated without pause settles at one refetch per this interval, so its
   * data is at most this old (plus the fetch): three refetches a minute, where polling every 30 s makes
   * two per page whether it changed or not. Also the time a spent key takes to earn one quick refetch back.
   * @default 20_000
   */
  maxIntervalMs?: number
  /**
   * How many refetches a quiet key may make `minIntervalMs` apart before its interval stretches
   * towards `maxIntervalMs`.
   * @default 3
   */
  burst?: number
}

/** The storm guard's defaults: a quiet key at once, a key invalidated without pause every 20 s at most. */
export const STORM_GUARD_DEFAULTS: Readonly<Required<StormGuardOptions>> = Object.freeze({
  minIntervalMs: 1000,
  maxIntervalMs: 20_000,
  burst: 3,
})

/** What {@link StormGuard.request} answers: run now, or a trailing run is due in `inMs`. */
export type GuardAnswer = { now: true } | { now: false; inMs: number }

/** Per-key refetch pacing; see {@link createStormGuard}. */
export interface StormGuard {
  /**
   * Asks to refetch `key` now. `{ now: true }`: go ahead (counted). Otherwise the key's one trailing run
   * is scheduled (or already was) and will call the latest `trailing` given for it when it is due.
   */
  request(key: string, trailing: () => void): GuardAnswer
  /** Counts a refetch that did not ask (a resync must not wait), and drops the key's pending trailing run. */
  record(key: string): void
  /** Keys with a trailing run pending. */
  readonly pending: number
  /** Keys it keeps state for (bounded: idle keys are forgotten). */
  readonly size: number
  /** Clears every timer and forgets every key. */
  dispose(): void
}

interface KeyState {
  /** Quick refetches left, refilled at one per `maxIntervalMs`, at most `burst`. */
  tokens: number
  refilledAt: number
  lastRunAt: number
  dueAt: number
  timer: ReturnType<typeof setTimeout> | undefined
  trailing: (() => void) | undefined
}

const PRUNE_FLOOR = 64

/**
 * Paces the refetches of each key with a token bucket: a quiet key refetches at once, a key invalidated
 * again and again refetches at most once per `minIntervalMs` for `burst` times, then its interval
 * stretches with its event rate up to `maxIntervalMs`. Held events are never lost: each held key gets
 * one trailing run, so the last change always lands. Bounded: one timer per held key, and keys back at
 * rest (full bucket, nothing pending) are forgotten.
 */
export function createStormGuard(
  {
    minIntervalMs = STORM_GUARD_DEFAULTS.minIntervalMs,
    maxIntervalMs = STORM_GUARD_DEFAULTS.maxIntervalMs,
    burst = STORM_GUARD_DEFAULTS.burst,
  }: StormGuardOptions = {},
  now: () => number = () => performance.now(),
): StormGuard {
  validate({ minIntervalMs, maxIntervalMs, burst })
  const keys = new Map<string, KeyState>()
  let pending = 0
  let pruneAt = PRUNE_FLOOR

  const refill = (state: KeyState, at: number) => {
    state.tokens = Math.min(burst, state.tokens + (at - state.refilledAt) / maxIntervalMs)
    state.refilledAt = at
  }
  const spend = (state: KeyState, at: number) => {
    refill(state, at)
    state.tokens = Math.max(0, state.tokens - 1)
    state.lastRunAt = at
  }
  const stateOf = (key: string, at: number): KeyState => {
    let state = keys.get(key)
    if (!state) {
      if (keys.size >= pruneAt) prune(at)
      state = {
        tokens: burst,
        refilledAt: at,
        lastRunAt: -Infinity,
        dueAt: 0,
        timer: undefined,
        trailing: undefined,
      }
      keys.set(key, state)
    }
    return state
  }
  const cancel = (state: KeyState) => {
    if (state.timer === undefined) return
    clearTimeout(state.timer)
    state.timer = undefined
    state.trailing = undefined
    pending -= 1
  }
  /** Forgets keys that would behave as new ones: nothing pending, bucket full again. */
  const prune = (at: number) => {
    for (const [key, state] of keys) {
      if (state.timer !== undefined) continue
      refill(state, at)
      if (state.tokens >= burst && at - state.lastRunAt >= minIntervalMs) keys.delete(key)
    }
    pruneAt = Math.max(PRUNE_FLOOR, keys.size * 2)
  }

  return {
    request(key, trailing) {
      const at = now()
      const state = stateOf(key, at)
      if (state.timer !== undefined) {
        state.trailing = trailing
        return { now: false, inMs: Math.max(0, state.dueAt - at) }
      }
      refill(state, at)
      const waitMs = Math.max(minIntervalMs - (at - state.lastRunAt), (1 - state.tokens) * maxIntervalMs)
      if (waitMs <= 0) {
        spend(state, at)
        return { now: true }
      }
      state.trailing = trailing
      state.dueAt = at + waitMs
      pending += 1
      state.timer = setTimeout(function stormGuardTrailingRun() {
        const run = state.trailing
        state.timer = undefined
        state.trailing = undefined
        pending -= 1
        spend(state, now())
        run?.()
      }, waitMs)
      return { now: false, inMs: waitMs }
    },
    record(key) {
      const at = now()
      const state = stateOf(key, at)
      cancel(state)
      spend(state, at)
    },
    get pending() {
      return pending
    },
    get size() {
      return keys.size
    },
    dispose() {
      for (const state of keys.values()) cancel(state)
      keys.clear()
    },
  }
}

function validate(options: Required<StormGuardOptions>): void {
  const { minIntervalMs, maxIntervalMs, burst } = options
  const fine =
    Number.isFinite(minIntervalMs) &&
    minIntervalMs >= 0 &&
    Number.isFinite(maxIntervalMs) &&
    maxIntervalMs >= minIntervalMs &&
    maxIntervalMs > 0 &&
    Number.isInteger(burst) &&
    burst >= 1
  if (!fine) {
    throw new EventStreamError(
      'invalid_option',
      `stormGuard needs 0 ≤ minIntervalMs ≤ maxIntervalMs (finite, maxIntervalMs > 0) and a whole burst ≥ 1; got ${JSON.stringify(options)}`,
    )
  }
}

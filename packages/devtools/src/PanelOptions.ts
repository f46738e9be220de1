import { EventStreamError } from '@ssehub/client'

/** The part of a TanStack `QueryClient` the panel reads to know which queries are on screen. */
export interface QueryCacheLike {
  getQueryCache(): { getAll(): ReadonlyArray<{ isActive(): boolean }> }
}

/** What the panel keeps and how it compares with polling. */
export interface PanelOptions {
  /**
   * Rows kept in the event list; older ones are dropped (and counted).
   * @default 500
   */
  maxEvents?: number
  /**
   * Characters of each event's data kept for the JSON view; longer data is cut (and marked).
   * @default 16384
   */
  maxDataChars?: number
  /**
   * Status changes kept in the timeline.
   * @default 100
   */
  maxStatusChanges?: number
  /**
   * The polling the panel compares the stream with: each key on screen refetched this often.
   * @default 30000
   */
  pollingIntervalMs?: number
  /** Counts the keys on screen, for the polling comparison (read once a second while the panel is open). */
  keysOnScreen?: () => number
  /** A TanStack `QueryClient`: its active queries are the keys on screen (instead of `keysOnScreen`). */
  queryClient?: QueryCacheLike
}

/** {@link PanelOptions} with every default applied. */
export type ResolvedPanelOptions = Required<Omit<PanelOptions, 'keysOnScreen' | 'queryClient'>> & {
  keysOnScreen: (() => number) | undefined
}

/** Applies the defaults, and turns a `queryClient` into a `keysOnScreen`. */
export function resolvePanelOptions(options: PanelOptions = {}): ResolvedPanelOptions {
  const { queryClient } = options
  const keysOnScreen =
    options.keysOnScreen ??
    (queryClient
      ? () =>
          queryClient
            .getQueryCache()
            .getAll()
            .filter((query) => query.isActive()).length
      : undefined)
  return {
    maxEvents: positive(options.maxEvents, 500),
    maxDataChars: positive(options.maxDataChars, 16_384),
    maxStatusChanges: positive(options.maxStatusChanges, 100),
    pollingIntervalMs: positive(options.pollingIntervalMs, 30_000),
    keysOnScreen,
  }
}

function positive(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0)
    throw new EventStreamError('invalid_option', `Panel options must be positive numbers, got ${value}`)
  return Math.floor(value)
}

/**
 * The replay window an engine keeps unless told otherwise: the newest 10,000 events of the last five
 * minutes. An engine's bus (which trims) and its replay store (which answers resumes) both default to it,
 * so the two agree without the app repeating the numbers.
 */
export const REPLAY_WINDOW_DEFAULTS = { maxEvents: 10_000, maxAgeMs: 300_000 } as const

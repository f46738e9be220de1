/** How long to wait between reconnection attempts. */
export interface BackoffOptions {
  /**
   * The base of the exponential: the first wait is at most this long. A `retry:` field from the server
   * replaces it.
   * @default 500
   */
  initialMs?: number
  /**
   * The cap on every backoff wait, however many attempts failed and whatever the server's `retry:` says.
   * @default 30000
   */
  maxMs?: number
}

/** An exponential backoff with full jitter; see {@link createBackoff}. */
export interface Backoff {
  /** The next wait: uniform in `[0, min(maxMs, base × 2^attempt)]`, and counts the attempt. */
  next(): number
  /** Starts again from the first attempt; called only once a connection is confirmed. */
  reset(): void
  /** Replaces the base, as a server `retry:` field asks. */
  setBaseMs(baseMs: number): void
}

/**
 * Creates an exponential backoff with full jitter ("AWS full jitter"), so that many clients dropped at
 * once by the same server spread their reconnects instead of arriving together.
 */
export function createBackoff({ initialMs = 500, maxMs = 30_000 }: BackoffOptions = {}): Backoff {
  let baseMs = initialMs
  let attempt = 0
  return {
    next() {
      // Past ~2^31 the product is Infinity anyway; stop growing the exponent to keep it finite.
      const ceilingMs = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 31))
      attempt++
      return Math.round(Math.random() * ceilingMs)
    },
    reset() {
      attempt = 0
    },
    setBaseMs(nextBaseMs) {
      baseMs = nextBaseMs
    },
  }
}

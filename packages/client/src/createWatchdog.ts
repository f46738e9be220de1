/** A timer that fires when nothing arrived for a while; see {@link createWatchdog}. */
export interface Watchdog {
  /** Something arrived: start the wait again. */
  kick(): void
  /** Changes the wait (and starts it again); `undefined` disarms the watchdog until set again. */
  setTimeoutMs(timeoutMs: number | undefined): void
  /** Disarms it for good. */
  stop(): void
}

/**
 * Creates a watchdog that calls `onTimeout` once after `timeoutMs` without a `kick()`, with the wait that
 * ran out. A connection that died without a FIN (a sleeping laptop, a NAT that forgot us) only shows
 * itself this way.
 */
export function createWatchdog(
  timeoutMs: number | undefined,
  onTimeout: (timeoutMs: number) => void,
): Watchdog {
  let timer: ReturnType<typeof setTimeout> | undefined
  let currentMs = timeoutMs
  let stopped = false

  const arm = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const waitMs = currentMs
    if (stopped || waitMs === undefined) return
    timer = setTimeout(() => {
      timer = undefined
      stopped = true
      onTimeout(waitMs)
    }, waitMs)
  }
  arm()

  return {
    kick: arm,
    setTimeoutMs(nextMs) {
      currentMs = nextMs
      arm()
    },
    stop() {
      stopped = true
      arm()
    },
  }
}

import { createBackoff } from './createBackoff'
import type { EventStreamStatus } from './createStatusStore'
import type { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import type { RetryCause, RetryPlan, TabRole } from './inspect/InspectionRecord'
import { openStream } from './openStream'
import type { StreamFrame } from './readEventStream'
import { sleep } from './sleep'

/** Where a connection starts: fresh, or resuming a stream another tab (or an earlier leader) had open. */
export interface ConnectionStart {
  lastEventId: string | undefined
  /** True when the app already saw the stream open, so the first wait already reads `reconnecting`. */
  resuming: boolean
}

/** What a running connection reports. */
export interface ConnectionCallbacks {
  onFrame(frame: StreamFrame): void
  /** `retry` is the wait that starts now; a status without one means an attempt is under way. */
  onStatus(status: EventStreamStatus, error: EventStreamError | undefined, retry?: RetryPlan): void
  /** The tab's part in a shared stream changed (only tabs that share report it). */
  onRole?(role: TabRole): void
}

/** A running connection; see {@link connectWithRetry}. */
export interface Connection {
  readonly lastEventId: string | undefined
  /** Ends a pending backoff wait now (never a `Retry-After` or `drain` wait), as coming online does. */
  wake(): void
  /** Aborts the attempt or wait in progress and removes every timer and listener, synchronously. */
  stop(): void
}

/**
 * Keeps one stream connected: attempt after attempt, resuming from the last id, with backoff that resets
 * only once the server confirms the stream with `connected` (a 200 that then breaks does not count).
 * Reports `closed` only for an answer that forbids retrying (4xx, 204, too many 401s), never for `stop()`.
 */
export function connectWithRetry(
  options: EventStreamOptions,
  start: ConnectionStart,
  { onFrame, onStatus }: ConnectionCallbacks,
): Connection {
  const stopper = new AbortController()
  const wakeTarget = new EventTarget()
  const backoff = createBackoff(options.backoff)
  const maxAuthRetries = options.maxAuthRetries ?? 2
  let lastEventId = start.lastEventId
  let hasConnected = start.resuming
  let heartbeatMs: number | undefined
  let unauthorizedInRow = 0

  const waitingStatus = () => (hasConnected ? 'reconnecting' : 'connecting')

  async function run() {
    onStatus(waitingStatus(), undefined)
    while (!stopper.signal.aborted) {
      const outcome = await openStream({
        options,
        lastEventId,
        heartbeatMs,
        signal: stopper.signal,
        onRetry: (retryMs) => backoff.setBaseMs(retryMs),
        onConnected(nextHeartbeatMs, id) {
          // The head id is where a reconnect resumes: known before anyone hears the stream is open.
          if (id !== undefined) lastEventId = id
          heartbeatMs = nextHeartbeatMs
          hasConnected = true
          unauthorizedInRow = 0
          backoff.reset()
          onStatus('open', undefined)
        },
        onFrame(frame) {
          if (frame.id !== undefined) lastEventId = frame.id
          onFrame(frame)
        },
      })
      if (outcome.kind === 'aborted') return
      if (outcome.kind === 'stop' || outcome.kind === 'fatal') return onStatus('closed', outcome.error)
      if (outcome.kind === 'unauthorized' && ++unauthorizedInRow > maxAuthRetries) {
        return onStatus('closed', outcome.error)
      }
      const error = outcome.kind === 'drain' ? undefined : outcome.error
      // The first 401 most likely means a token expired a moment ago: the fresh one may well work at once.
      if (outcome.kind === 'unauthorized' && unauthorizedInRow === 1) {
        onStatus(waitingStatus(), error)
        continue
      }
      const server = outcome.kind === 'drain' || outcome.kind === 'retry-after'
      const waitMs = server ? outcome.delayMs : backoff.next()
      const cause: RetryCause = server ? outcome.kind : 'backoff'
      onStatus(waitingStatus(), error, { inMs: waitMs, at: Date.now() + waitMs, cause })
      // A server's delay is kept to the letter; only a backoff wait ends early on waking up.
      await sleep(waitMs, { signal: stopper.signal, wakeEarly: !server, wakeTarget })
      if (!stopper.signal.aborted) onStatus(waitingStatus(), error)
    }
  }
  void run()

  return {
    get lastEventId() {
      return lastEventId
    },
    wake: () => wakeTarget.dispatchEvent(new Event('wake')),
    stop: () => stopper.abort(),
  }
}

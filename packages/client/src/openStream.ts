import { classifyResponse, type ResponseVerdict } from './classifyResponse'
import { createWatchdog } from './createWatchdog'
import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import { prepareRequest } from './prepareRequest'
import { readEventStream, type StreamFrame } from './readEventStream'
import { requestFailure } from './requestFailure'

/** How one attempt ended. */
export type AttemptOutcome =
  | Exclude<ResponseVerdict, { kind: 'stream' }>
  | { kind: 'drain'; delayMs: number }
  | { kind: 'aborted' }

/** The state and callbacks one attempt needs from the reconnect loop. */
export interface AttemptContext {
  options: EventStreamOptions
  lastEventId: string | undefined
  /** From the last `connected` frame; arms the watchdog from the first byte. */
  heartbeatMs: number | undefined
  /** The stream's own signal: aborted by `close()`. */
  signal: AbortSignal
  onConnected(heartbeatMs: number | undefined, id: string | undefined): void
  onFrame(frame: StreamFrame): void
  onRetry(retryMs: number): void
}

/** Makes one attempt: ticket, headers, fetch, then reads the stream until it ends; never rejects. */
export async function openStream(context: AttemptContext): Promise<AttemptOutcome> {
  const { options, signal } = context
  const attempt = new AbortController()
  const abortAttempt = () => attempt.abort()
  signal.addEventListener('abort', abortAttempt)
  let drainDelayMs: number | undefined
  let retryMs: number | undefined
  let heartbeatMs = context.heartbeatMs
  let silentFor: number | undefined
  const watchdog = createWatchdog(undefined, (timeoutMs) => {
    silentFor = timeoutMs
    abortAttempt()
  })
  attempt.signal.addEventListener('abort', watchdog.stop)
  try {
    let request: { url: URL; init: RequestInit }
    try {
      request = await prepareRequest(options, context.lastEventId, attempt.signal)
    } catch (cause) {
      if (signal.aborted) return { kind: 'aborted' }
      return { kind: 'backoff', error: requestFailure(cause) }
    }
    // Until `connected`, the opening has the same limit as silence later: a server (or a proxy) that takes
    // the request and never answers, or answers and never starts the stream, is not waited on for ever.
    watchdog.setTimeoutMs(openingLimitMs(heartbeatMs))
    let response: Response
    try {
      response = await (options.fetch ?? globalThis.fetch)(request.url, request.init)
    } catch (cause) {
      if (signal.aborted) return { kind: 'aborted' }
      if (silentFor !== undefined) return backoff('heartbeat_timeout', `No answer for ${silentFor} ms`, cause)
      return backoff('network_error', 'The connection failed', cause)
    }
    const verdict = await classifyResponse(response)
    if (verdict.kind !== 'stream') return signal.aborted ? { kind: 'aborted' } : verdict
    let failure: unknown
    await readEventStream(response.body ?? new ReadableStream(), attempt.signal, {
      onBytes: watchdog.kick,
      onRetry(nextRetryMs) {
        retryMs = nextRetryMs
        context.onRetry(nextRetryMs)
      },
      onFrame(frame) {
        if (attempt.signal.aborted) return
        if (frame.type === 'connected') {
          heartbeatMs = readNumber(frame.data, 'heartbeatMs')
          watchdog.setTimeoutMs(silenceLimitMs(heartbeatMs))
          context.onConnected(heartbeatMs, frame.id)
        }
        context.onFrame(frame)
        if (frame.type === 'drain') {
          // The server leaves: resume after its delay (elsewhere, perhaps) instead of reading to the end.
          drainDelayMs = readNumber(frame.data, 'reconnectInMs') ?? retryMs ?? 0
          abortAttempt()
        }
      },
    }).catch((cause: unknown) => {
      failure = cause
    })
    if (signal.aborted) return { kind: 'aborted' }
    if (drainDelayMs !== undefined) return { kind: 'drain', delayMs: drainDelayMs }
    if (silentFor !== undefined) return backoff('heartbeat_timeout', `No byte for ${silentFor} ms`)
    if (failure !== undefined) return backoff('network_error', 'The stream broke off', failure)
    return backoff('stream_ended', 'The server ended the stream', undefined, response.status)
  } finally {
    watchdog.stop()
    signal.removeEventListener('abort', abortAttempt)
  }
}

function backoff(code: string, message: string, cause?: unknown, status?: number): AttemptOutcome {
  return { kind: 'backoff', error: new EventStreamError(code, message, { cause, status }) }
}

/** The watchdog's limit: two heartbeats without a byte. */
function silenceLimitMs(heartbeatMs: number | undefined): number | undefined {
  return heartbeatMs ? 2 * heartbeatMs : undefined
}

/** The opening's limit before any `connected` said how often heartbeats come: over twice a hub's default. */
const OPENING_LIMIT_MS = 60_000

/**
 * How long an opening may go without a byte before `connected`: two heartbeats when a previous
 * `connected` said how often they come, else a minute.
 */
function openingLimitMs(heartbeatMs: number | undefined): number {
  return silenceLimitMs(heartbeatMs) ?? OPENING_LIMIT_MS
}

/** Reads a non-negative finite number from a JSON object payload, or `undefined`. */
function readNumber(data: string, key: string): number | undefined {
  try {
    const value: unknown = (JSON.parse(data) as Record<string, unknown> | null)?.[key]
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
  } catch {
    return undefined
  }
}

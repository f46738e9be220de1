/**
 * What went wrong, as a stable string the app can switch on. Server answers keep the `code` from the
 * server's `{"error":{"code","message"}}` body; the client adds its own for failures it detects itself.
 */
export type EventStreamErrorCode =
  | 'invalid_options'
  | 'network_error'
  | 'auth_failed'
  | 'bad_content_type'
  | 'stream_ended'
  | 'heartbeat_timeout'
  | 'no_content'
  | 'http_error'
  | (string & {})

/** Options of an {@link EventStreamError}. */
export interface EventStreamErrorOptions {
  /** The HTTP status of the answer that caused it, when there was one. */
  status?: number
  /** The underlying error (a network failure, a throwing `getTicket`, …). */
  cause?: unknown
}

/**
 * The one error type of `@ssehub/client`: every failure of a stream, and every misuse of its API, is an
 * `EventStreamError` with a `code` and, when the server answered, the HTTP `status`.
 *
 * @example
 * if (stream.error instanceof EventStreamError && stream.error.status === 403) showForbidden()
 */
export class EventStreamError extends Error {
  override readonly name = 'EventStreamError'
  readonly code: EventStreamErrorCode
  readonly status: number | undefined

  constructor(code: EventStreamErrorCode, message: string, options: EventStreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
  }
}

import type { ErrorCode } from '@ssehub/protocol'

/**
 * What went wrong, as a stable string the app can switch on: every code of the protocol's
 * {@link ErrorCode} (the hub's, such as `topic_not_allowed`, `tenant_limit` or `draining`, kept from its
 * `{"error":{"code","message"}}` answer, and the client's own, such as `network_error` or `auth_failed`),
 * or an app's own code from a `HubError` it threw on the server.
 */
export type EventStreamErrorCode = ErrorCode | (string & {})

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
  /** What went wrong: switch on it (`network_error`, `auth_failed`, `topic_not_allowed`, …). */
  readonly code: EventStreamErrorCode
  /** The HTTP status of the answer behind it (of `GET /events`, or of the ticket endpoint), if any. */
  readonly status: number | undefined

  constructor(code: EventStreamErrorCode, message: string, options: EventStreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
  }
}

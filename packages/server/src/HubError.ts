/** The error codes ssehub puts in `{"error":{"code","message"}}` bodies and on thrown `HubError`s. */
export type HubErrorCode =
  | 'bad_request'
  | 'bad_topic'
  | 'too_many_topics'
  | 'bad_last_event_id'
  | 'unauthorized'
  | 'invalid_token'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'auth_unavailable'
  | 'invalid_ticket'
  | 'forbidden'
  | 'topic_not_allowed'
  | 'too_many_connections'
  | 'tenant_limit'
  | 'draining'
  | 'hub_closed'
  | 'invalid_option'
  | 'invalid_principal'
  | 'origin_not_allowed'
  | 'ticket_quota_exceeded'
  | 'reserved_type'
  | 'ticket_store_full'
  | 'ticket_store_closed'
  | 'metrics_unavailable'
  | 'engine_unavailable'
  | 'internal'
  | (string & {})

export interface HubErrorOptions {
  /** HTTP status sent when this error refuses a request. @default 400 */
  status?: number
  /** Seconds for a `Retry-After` header (503 and 429). */
  retryAfterSec?: number
  cause?: unknown
}

/**
 * The one error class of `@ssehub/server`: misuse of the API throws it, and a request it refuses turns it
 * into the JSON error response of the wire protocol with `getResponse()`.
 *
 * @example
 * throw new HubError('tenant_suspended', 'This tenant is suspended', { status: 403 })
 */
export class HubError extends Error {
  override readonly name = 'HubError'
  readonly code: HubErrorCode
  readonly status: number
  readonly retryAfterSec: number | undefined

  constructor(code: HubErrorCode, message: string, options: HubErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.code = code
    this.status = options.status ?? 400
    this.retryAfterSec = options.retryAfterSec
  }

  /** The JSON error response: `{"error":{"code","message"}}`, with `Retry-After` when set. */
  getResponse(): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    if (this.retryAfterSec !== undefined) headers['retry-after'] = String(this.retryAfterSec)
    return new Response(JSON.stringify({ error: { code: this.code, message: this.message } }), {
      status: this.status,
      headers,
    })
  }
}

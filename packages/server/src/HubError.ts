import type { ServerErrorCode } from '@ssehub/protocol'

/**
 * The code of a `HubError`: one of the protocol's `ServerErrorCode`s (each documented there), or an app's
 * own code from a `HubError` it throws in `authenticate` or `onConnect`.
 */
export type HubErrorCode = ServerErrorCode | (string & {})

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

import type { Context } from 'hono'
import { HubError } from '../HubError'
import { consoleLogger, type Logger } from '../Logger'
import { toErrorResponse } from '../toErrorResponse'
import { assertUnexpired } from './assertUnexpired'
import { type AllowedOrigins, createOriginCheck } from './createOriginCheck'
import type { Authenticate } from './Principal'
import { anonymousPrincipal } from './resolvePrincipal'
import type { TicketStore } from './TicketStore'

export interface TicketHandlerOptions {
  /** Who may ask for a ticket, and as whom. @default undefined (tickets are issued to anonymous principals) */
  authenticate?: Authenticate
  /** Where tickets are kept until used. */
  store: TicketStore
  /** How long a ticket stays usable; it never outlives the credential it was issued for. @default 30_000 */
  ttlMs?: number
  /**
   * Browser origins besides the server's own that may ask for a ticket: exact origins, or a function.
   * A request from another web page gets 403 `origin_not_allowed`; one without `Origin` (not from a
   * browser page) passes. `() => true` turns the check off.
   * @default [] (the server's own origin only)
   */
  allowedOrigins?: AllowedOrigins
  /** Where refusals that are the server's fault are reported. @default consoleLogger */
  logger?: Logger
}

/**
 * The handler of `POST /events/ticket`: checks the request's origin, authenticates it and answers 200
 * `{"ticket","expiresAt"}` (`Cache-Control: no-store`), the single-use ticket `GET /events?ticket=…` takes.
 * A refusal is the `HubError`'s JSON response: 401, 403 (`origin_not_allowed`), 429 when the principal
 * holds too many tickets, 503 when the store is full; any other server error is logged and masked as a
 * 500 `internal`. An error that is not a `HubError` is a bug, left to the app's `onError`.
 *
 * @example
 * app.post('/events/ticket', createTicketHandler({ authenticate: jwtAuth({ secret }), store: memoryTicketStore() }))
 */
export function createTicketHandler({
  authenticate,
  store,
  ttlMs = 30_000,
  allowedOrigins = [],
  logger = consoleLogger,
}: TicketHandlerOptions) {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new HubError('invalid_option', 'createTicketHandler: ttlMs must be a positive integer', {
      status: 500,
    })
  }
  const checkOrigin = createOriginCheck(allowedOrigins)

  return async function ticketHandler(c: Context): Promise<Response> {
    try {
      // Before authenticating: a cookie another site's page made the browser send proves nothing.
      checkOrigin(c.req.raw)
      const principal = authenticate ? await authenticate(c) : anonymousPrincipal()
      const now = Date.now()
      assertUnexpired(principal, now)
      // A ticket that outlived its token would stretch the token's life by up to ttlMs.
      const untilExpiry = principal.expiresAt === undefined ? ttlMs : principal.expiresAt - now
      const { ticket, expiresAt } = await store.issue(principal, Math.min(ttlMs, Math.floor(untilExpiry)))
      return c.json({ ticket, expiresAt }, 200, { 'cache-control': 'no-store' })
    } catch (error) {
      if (error instanceof HubError) return toErrorResponse(error, logger, 'issuing a ticket')
      throw error
    }
  }
}

import type { Context } from 'hono'
import { HubError } from '../HubError'
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
}

/**
 * The handler of `POST /events/ticket`: authenticates the request and answers 200
 * `{"ticket","expiresAt"}` (`Cache-Control: no-store`), the single-use ticket `GET /events?ticket=…` takes.
 * A refusal is the `HubError`'s JSON response (401, 403, or 503 when the store is full).
 *
 * @example
 * app.post('/events/ticket', createTicketHandler({ authenticate: jwtAuth({ secret }), store: memoryTicketStore() }))
 */
export function createTicketHandler({ authenticate, store, ttlMs = 30_000 }: TicketHandlerOptions) {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new HubError('invalid_option', 'createTicketHandler: ttlMs must be a positive integer', {
      status: 500,
    })
  }

  return async function ticketHandler(c: Context): Promise<Response> {
    try {
      const principal = authenticate ? await authenticate(c) : anonymousPrincipal()
      // A ticket that outlived its token would stretch the token's life by up to ttlMs.
      const untilExpiry = principal.expiresAt === undefined ? ttlMs : principal.expiresAt - Date.now()
      if (untilExpiry < 1) throw new HubError('token_expired', 'Token expired', { status: 401 })
      const { ticket, expiresAt } = await store.issue(principal, Math.min(ttlMs, Math.floor(untilExpiry)))
      return c.json({ ticket, expiresAt }, 200, { 'cache-control': 'no-store' })
    } catch (error) {
      // Anything else is a bug: let the app's onError log it.
      if (error instanceof HubError) return error.getResponse()
      throw error
    }
  }
}

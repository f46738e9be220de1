import type { Context } from 'hono'
import { HubError } from '../HubError'
import { isTicketId } from './createTicketId'
import type { Authenticate, Principal } from './Principal'
import type { TicketStore } from './TicketStore'

export interface ResolvePrincipalOptions {
  /** How a request without `?ticket=` proves who it is. @default undefined (everyone is anonymous) */
  authenticate?: Authenticate
  /** Where `?ticket=` is looked up (and spent). */
  store: TicketStore
}

/** The principal of an unauthenticated hub: no metadata, every topic allowed. */
export function anonymousPrincipal(): Principal {
  return { metadata: {} }
}

/**
 * Who is connecting to `GET /events`: with `?ticket=`, the principal the ticket was issued to (spending
 * it); otherwise what `authenticate` says, or anonymous when there is none. An unusable ticket — malformed,
 * unknown, spent or expired — is one 401 `invalid_ticket` that does not say which, so it cannot be probed.
 */
export async function resolvePrincipal(c: Context, options: ResolvePrincipalOptions): Promise<Principal> {
  const ticket = c.req.query('ticket')
  if (ticket === undefined) return options.authenticate ? options.authenticate(c) : anonymousPrincipal()
  const principal = isTicketId(ticket) ? await options.store.consume(ticket) : undefined
  if (!principal) {
    throw new HubError('invalid_ticket', 'Ticket is not valid (unknown, used or expired): fetch a new one', {
      status: 401,
    })
  }
  return principal
}

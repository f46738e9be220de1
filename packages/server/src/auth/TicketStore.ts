import type { Principal } from './Principal'

/**
 * Where single-use connect tickets live between `POST /events/ticket` and `GET /events?ticket=…`.
 * The store makes the ticket itself (with `createTicketId()`), so a shared store — Redis: `SET PX` to issue,
 * `GETDEL` to consume; Postgres: `INSERT`, then `DELETE … RETURNING` — hands out ids no other node can
 * collide with, and of any number of nodes consuming one ticket at once exactly one gets the principal.
 * Malformed tickets (`isTicketId`) never reach the store. When the store can't answer, both methods reject
 * with a 503 `HubError` (`auth_unavailable`, with `Retry-After`), which the handlers send as is.
 *
 * A store shared by many principals bounds what one of them can hold, so that one principal cannot fill it
 * and lock every other out: it counts each principal's outstanding tickets (issued, not yet consumed nor
 * expired) under `principalKey(principal)`, and past its per-principal limit `issue` rejects with a 429
 * `HubError` `ticket_quota_exceeded` whose `retryAfterSec` is when that principal's oldest ticket expires.
 * A shared store counts across every node (`memoryTicketStore({ maxTicketsPerPrincipal })` does it for one).
 */
export interface TicketStore {
  /** Stores `principal` under a fresh ticket that lives `ttlMs`; resolves to the ticket and its expiry (epoch ms). */
  issue(principal: Principal, ttlMs: number): Promise<{ ticket: string; expiresAt: number }>
  /** The principal of `ticket`, removing it: a second call, an unknown or an expired ticket gives `undefined`. */
  consume(ticket: string): Promise<Principal | undefined>
  /** Releases timers and connections; the hub calls it when it is done. */
  close?(): void | Promise<void>
}

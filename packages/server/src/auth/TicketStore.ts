import type { Principal } from './Principal'

/**
 * Where single-use connect tickets live between `POST /events/ticket` and `GET /events?ticket=…`.
 * The store makes the ticket itself (with `createTicketId()`), so a shared store — Redis: `SET PX` to issue,
 * `GETDEL` to consume — hands out ids no other node can collide with.
 */
export interface TicketStore {
  /** Stores `principal` under a fresh ticket that lives `ttlMs`; resolves to the ticket and its expiry (epoch ms). */
  issue(principal: Principal, ttlMs: number): Promise<{ ticket: string; expiresAt: number }>
  /** The principal of `ticket`, removing it: a second call, an unknown or an expired ticket gives `undefined`. */
  consume(ticket: string): Promise<Principal | undefined>
  /** Releases timers and connections; the hub calls it when it is done. */
  close?(): void | Promise<void>
}

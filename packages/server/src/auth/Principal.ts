import type { Context } from 'hono'

/** Who is connecting, as `authenticate` or a ticket says. */
export interface Principal {
  /**
   * Who this is, stably across requests (a user id): per-principal bounds such as the outstanding tickets
   * of `memoryTicketStore({ maxTicketsPerPrincipal })` count against it. `jwtAuth` sets it from `sub`.
   * When omitted, the principal is known by its whole `metadata` (see `principalKey`): principals with
   * equal metadata share those bounds, and every anonymous principal is one and the same.
   */
  id?: string
  /** String key/values copied onto the connection (`tenant_id`, `user_id`, …); groups select on them. */
  metadata: Record<string, string>
  /** Patterns the principal may subscribe to; omitted means every topic. */
  allowedTopics?: readonly string[]
  /**
   * When the credential behind this principal expires (epoch ms); the stream is rotated then. A principal
   * already expired is refused with 401 `token_expired`.
   */
  expiresAt?: number
}

/**
 * Turns a request into a `Principal`, or throws a `HubError` (401/403) to refuse it.
 * `jwtAuth(...)` builds one; any function of this shape works.
 */
export type Authenticate = (c: Context) => Principal | Promise<Principal>

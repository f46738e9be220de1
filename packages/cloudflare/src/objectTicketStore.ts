import { HubError, type Principal } from '@ssehub/server'
import { createTicketId, principalKey, type TicketStore } from '@ssehub/server/engine'
import type { HubTables } from './SqlStorage'

/** Bounds on the tickets an object keeps. */
export interface TicketLimits {
  /** Most live tickets in the object; past it `issue` fails with 503 `ticket_store_full`. @default 10_000 */
  maxTickets?: number
  /** Most live tickets one principal may hold; past it 429 `ticket_quota_exceeded`. @default 100 */
  maxTicketsPerPrincipal?: number
}

/**
 * Tickets in the object's SQLite storage: issued by `POST /events/ticket`, spent by `GET /events?ticket=`
 * on the same object, and still valid after the object restarts in between. An object runs one request
 * at a time between awaits and these calls are synchronous, so a consume is a read and a delete with
 * nothing in between: a ticket is spent once. Expired rows are deleted whenever a ticket is issued.
 */
export function objectTicketStore(
  tables: HubTables,
  { maxTickets, maxTicketsPerPrincipal }: Required<TicketLimits>,
): TicketStore {
  const { sql, tickets: table } = tables
  let closed = false

  function count(query: string, ...bindings: (string | number)[]): number {
    const [row] = sql.exec<{ n: number }>(query, ...bindings).toArray()
    return row?.n ?? 0
  }

  /** Throws 429 when `owner` holds its quota of live tickets. */
  function assertQuota(owner: string, now: number): void {
    const live = count(`SELECT COUNT(*) AS n FROM ${table} WHERE owner = ? AND expires_at > ?`, owner, now)
    if (live < maxTicketsPerPrincipal) return
    const [oldest] = sql
      .exec<{ expires_at: number }>(
        `SELECT MIN(expires_at) AS expires_at FROM ${table} WHERE owner = ? AND expires_at > ?`,
        owner,
        now,
      )
      .toArray()
    throw new HubError(
      'ticket_quota_exceeded',
      `Too many tickets outstanding for this principal (${maxTicketsPerPrincipal}): use one or wait for one to expire`,
      { status: 429, retryAfterSec: Math.max(1, Math.ceil(((oldest?.expires_at ?? now) - now) / 1000)) },
    )
  }

  return {
    async issue(principal: Principal, ttlMs: number) {
      if (closed) throw new HubError('ticket_store_closed', 'The ticket store is closed', { status: 503 })
      if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
        throw new HubError('invalid_option', 'ticket ttlMs must be a positive integer', { status: 500 })
      }
      const now = Date.now()
      sql.exec(`DELETE FROM ${table} WHERE expires_at <= ?`, now)
      const owner = principalKey(principal)
      assertQuota(owner, now)
      if (count(`SELECT COUNT(*) AS n FROM ${table}`) >= maxTickets) {
        throw new HubError('ticket_store_full', 'Too many tickets outstanding, retry shortly', {
          status: 503,
          retryAfterSec: 1,
        })
      }
      const ticket = createTicketId()
      const expiresAt = now + ttlMs
      sql.exec(
        `INSERT INTO ${table} (ticket, owner, principal, expires_at) VALUES (?, ?, ?, ?)`,
        ticket,
        owner,
        JSON.stringify(principal),
        expiresAt,
      )
      return { ticket, expiresAt }
    },

    async consume(ticket) {
      if (closed) return undefined
      const [row] = sql
        .exec<{ principal: string; expires_at: number }>(
          `SELECT principal, expires_at FROM ${table} WHERE ticket = ?`,
          ticket,
        )
        .toArray()
      if (!row) return undefined
      sql.exec(`DELETE FROM ${table} WHERE ticket = ?`, ticket)
      return row.expires_at > Date.now() ? (JSON.parse(row.principal) as Principal) : undefined
    },

    close() {
      closed = true
    },
  }
}

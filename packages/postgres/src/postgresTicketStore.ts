import { HubError } from '@ssehub/server'
import {
  assertPositiveIntegers,
  createTicketId,
  isTicketId,
  parsePrincipal,
  principalKey,
  type TicketStore,
} from '@ssehub/server/engine'
import { ensureTables } from './migrate'
import type { PostgresEngineOptions } from './PostgresEngineOptions'
import { postgresUnavailable } from './postgresUnavailable'
import { tablesIn } from './tables'

export interface PostgresTicketStoreOptions extends Omit<PostgresEngineOptions, 'stream'> {
  /**
   * Outstanding tickets one principal (`principalKey`) may hold across every node; past it `issue`
   * rejects with a 429 `ticket_quota_exceeded` whose `Retry-After` is when its oldest ticket expires.
   * Counted before the insert, so issues racing for the last slot may pass it by a few.
   * @default 100
   */
  maxTicketsPerPrincipal?: number
  /** Expired tickets are deleted at most this often (by the next `issue`). @default 60_000 */
  sweepIntervalMs?: number
}

/**
 * A `TicketStore` in the `ssehub_tickets` table, so a ticket issued by one node is accepted by any
 * other, once: `consume` is one `DELETE … RETURNING`, so of several nodes racing for a ticket exactly
 * one gets the principal; an expired one is deleted and refused. Expiry is the database's clock.
 * Each principal's outstanding tickets are bounded across nodes (`maxTicketsPerPrincipal`). Malformed
 * tickets never reach the database. When it can't answer, both reject with a 503 `HubError`
 * (`auth_unavailable`) with `Retry-After`.
 */
export function postgresTicketStore({
  pool,
  schema,
  createTables = true,
  sweepIntervalMs = 60_000,
  maxTicketsPerPrincipal = 100,
}: PostgresTicketStoreOptions): TicketStore {
  assertPositiveIntegers('postgresTicketStore', { sweepIntervalMs, maxTicketsPerPrincipal })
  const tables = tablesIn(schema)
  let lastSweep = Date.now()

  function sweepNowAndThen(): void {
    if (Date.now() - lastSweep < sweepIntervalMs) return
    lastSweep = Date.now()
    pool.query(`DELETE FROM ${tables.tickets} WHERE expires_at < now()`).catch(() => {})
  }

  return {
    async issue(principal, ttlMs) {
      assertPositiveIntegers('postgresTicketStore', { ttlMs })
      const ticket = createTicketId()
      const owner = principalKey(principal)
      let held: { count: string; oldest_in_ms: number | null } | undefined
      try {
        await ensureTables(pool, tables, createTables)
        ;({
          rows: [held],
        } = await pool.query<{ count: string; oldest_in_ms: number | null }>(
          `SELECT count(*) AS count, extract(epoch FROM min(expires_at) - now()) * 1000 AS oldest_in_ms
           FROM ${tables.tickets} WHERE owner = $1 AND expires_at > now()`,
          [owner],
        ))
        if (Number(held?.count ?? 0) < maxTicketsPerPrincipal) {
          await pool.query(
            `INSERT INTO ${tables.tickets} (ticket, owner, principal, expires_at)
             VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
            [ticket, owner, JSON.stringify(principal), ttlMs],
          )
        }
      } catch (error) {
        throw postgresUnavailable('auth_unavailable', 'no ticket was issued', error)
      }
      if (Number(held?.count ?? 0) >= maxTicketsPerPrincipal) {
        throw new HubError(
          'ticket_quota_exceeded',
          `Too many tickets outstanding for this principal (${maxTicketsPerPrincipal}): use one or wait for one to expire`,
          { status: 429, retryAfterSec: Math.max(1, Math.ceil(Number(held?.oldest_in_ms ?? 1000) / 1000)) },
        )
      }
      sweepNowAndThen()
      return { ticket, expiresAt: Date.now() + ttlMs }
    },

    async consume(ticket) {
      if (!isTicketId(ticket)) return undefined
      let rows: Array<{ principal: unknown; live: boolean }>
      try {
        await ensureTables(pool, tables, createTables)
        ;({ rows } = await pool.query(
          `DELETE FROM ${tables.tickets} WHERE ticket = $1 RETURNING principal, expires_at > now() AS live`,
          [ticket],
        ))
      } catch (error) {
        throw postgresUnavailable('auth_unavailable', 'the ticket could not be checked', error)
      }
      const row = rows[0]
      return row?.live ? parsePrincipal(row.principal) : undefined
    },
  }
}

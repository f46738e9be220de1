import {
  assertPositiveIntegers,
  createTicketId,
  isTicketId,
  parsePrincipal,
  type TicketStore,
} from '@ssehub/server'
import { ensureTables } from './migrate'
import type { PostgresEngineOptions } from './PostgresEngineOptions'
import { postgresUnavailable } from './postgresUnavailable'
import { tablesIn } from './tables'

export interface PostgresTicketStoreOptions extends Omit<PostgresEngineOptions, 'stream'> {
  /** Expired tickets are deleted at most this often (by the next `issue`). @default 60_000 */
  sweepIntervalMs?: number
}

/**
 * A `TicketStore` in the `ssehub_tickets` table, so a ticket issued by one node is accepted by any
 * other, once: `consume` is one `DELETE … RETURNING`, so of several nodes racing for a ticket exactly
 * one gets the principal; an expired one is deleted and refused. Expiry is the database's clock.
 * Malformed tickets never reach the database. When it can't answer, both reject with a 503 `HubError`
 * (`auth_unavailable`) with `Retry-After`.
 */
export function postgresTicketStore({
  pool,
  schema,
  createTables = true,
  sweepIntervalMs = 60_000,
}: PostgresTicketStoreOptions): TicketStore {
  assertPositiveIntegers('postgresTicketStore', { sweepIntervalMs })
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
      try {
        await ensureTables(pool, tables, createTables)
        await pool.query(
          `INSERT INTO ${tables.tickets} (ticket, principal, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`,
          [ticket, JSON.stringify(principal), ttlMs],
        )
      } catch (error) {
        throw postgresUnavailable('auth_unavailable', 'no ticket was issued', error)
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

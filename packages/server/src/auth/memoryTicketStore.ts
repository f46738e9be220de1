import { assertPositiveIntegers } from '../engine/assertPositiveIntegers'
import { HubError } from '../HubError'
import { createTicketId } from './createTicketId'
import type { Principal } from './Principal'
import { principalKey } from './principalKey'
import type { TicketStore } from './TicketStore'

export interface MemoryTicketStoreOptions {
  /** Most live tickets; past it `issue` fails with 503 `ticket_store_full`, bounding memory. @default 100_000 */
  maxTickets?: number
  /**
   * Most live tickets one principal (by `principalKey`) may hold; past it `issue` fails with 429
   * `ticket_quota_exceeded` and a `Retry-After` of when its oldest ticket expires, so one principal can't
   * fill the store. Anonymous principals share one quota.
   * @default 100
   */
  maxTicketsPerPrincipal?: number
  /** How often expired tickets are swept while any are stored. @default 10_000 */
  sweepIntervalMs?: number
}

interface Entry {
  principal: Principal
  owner: string
  expiresAt: number
}

/**
 * A `TicketStore` in this process's memory: right for one node (use `@ssehub/redis` for several). Expired
 * tickets are swept by one unref'd timer, armed only while tickets exist, so an idle store holds no timer.
 */
export function memoryTicketStore(options: MemoryTicketStoreOptions = {}): TicketStore {
  const maxTickets = options.maxTickets ?? 100_000
  const maxTicketsPerPrincipal = options.maxTicketsPerPrincipal ?? 100
  const sweepIntervalMs = options.sweepIntervalMs ?? 10_000
  assertPositiveIntegers('memoryTicketStore', { maxTickets, maxTicketsPerPrincipal, sweepIntervalMs })

  const tickets = new Map<string, Entry>()
  // Each principal's live tickets with their expiry, so its quota is checked in O(quota), not O(store).
  const owned = new Map<string, Map<string, number>>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  function remove(ticket: string, entry: Entry): void {
    tickets.delete(ticket)
    const mine = owned.get(entry.owner)
    mine?.delete(ticket)
    if (mine?.size === 0) owned.delete(entry.owner)
  }

  function sweep(now = Date.now()): void {
    for (const [ticket, entry] of tickets) {
      if (entry.expiresAt <= now) remove(ticket, entry)
    }
  }

  /** Throws 429 when `owner` already holds its quota of live tickets (its expired ones freed first). */
  function assertQuota(owner: string, now: number): void {
    const mine = owned.get(owner)
    if (!mine || mine.size < maxTicketsPerPrincipal) return
    let oldest = Number.POSITIVE_INFINITY
    for (const [ticket, expiresAt] of mine) {
      if (expiresAt <= now) remove(ticket, tickets.get(ticket)!)
      else oldest = Math.min(oldest, expiresAt)
    }
    if (mine.size < maxTicketsPerPrincipal) return
    throw new HubError(
      'ticket_quota_exceeded',
      `Too many tickets outstanding for this principal (${maxTicketsPerPrincipal}): use one or wait for one to expire`,
      { status: 429, retryAfterSec: Math.max(1, Math.ceil((oldest - now) / 1000)) },
    )
  }

  function onTimer(): void {
    timer = undefined
    sweep()
    arm()
  }

  function arm(): void {
    if (timer !== undefined || tickets.size === 0 || closed) return
    timer = setTimeout(onTimer, sweepIntervalMs)
    // A pending sweep must never keep the process alive.
    timer.unref?.()
  }

  function disarmIfEmpty(): void {
    if (tickets.size > 0 || timer === undefined) return
    clearTimeout(timer)
    timer = undefined
  }

  return {
    async issue(principal, ttlMs) {
      if (closed) throw new HubError('ticket_store_closed', 'The ticket store is closed', { status: 503 })
      assertPositiveIntegers('memoryTicketStore', { ttlMs })
      const owner = principalKey(principal)
      const now = Date.now()
      assertQuota(owner, now)
      if (tickets.size >= maxTickets) sweep(now)
      if (tickets.size >= maxTickets) {
        throw new HubError('ticket_store_full', 'Too many tickets outstanding, retry shortly', {
          status: 503,
          retryAfterSec: 1,
        })
      }
      const ticket = createTicketId()
      const expiresAt = now + ttlMs
      tickets.set(ticket, { principal, owner, expiresAt })
      const mine = owned.get(owner) ?? new Map<string, number>()
      owned.set(owner, mine.set(ticket, expiresAt))
      arm()
      return { ticket, expiresAt }
    },

    async consume(ticket) {
      const entry = tickets.get(ticket)
      if (!entry) return undefined
      remove(ticket, entry)
      disarmIfEmpty()
      return entry.expiresAt > Date.now() ? entry.principal : undefined
    },

    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      tickets.clear()
      owned.clear()
    },
  }
}

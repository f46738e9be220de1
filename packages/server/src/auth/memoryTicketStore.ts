import { HubError } from '../HubError'
import { createTicketId } from './createTicketId'
import type { Principal } from './Principal'
import type { TicketStore } from './TicketStore'

export interface MemoryTicketStoreOptions {
  /** Most live tickets; past it `issue` fails with 503 `ticket_store_full`, bounding memory. @default 100_000 */
  maxTickets?: number
  /** How often expired tickets are swept while any are stored. @default 10_000 */
  sweepIntervalMs?: number
}

interface Entry {
  principal: Principal
  expiresAt: number
}

/**
 * A `TicketStore` in this process's memory: right for one node (use `@ssehub/redis` for several). Expired
 * tickets are swept by one unref'd timer, armed only while tickets exist, so an idle store holds no timer.
 */
export function memoryTicketStore(options: MemoryTicketStoreOptions = {}): TicketStore {
  const maxTickets = options.maxTickets ?? 100_000
  const sweepIntervalMs = options.sweepIntervalMs ?? 10_000
  positiveInteger('maxTickets', maxTickets)
  positiveInteger('sweepIntervalMs', sweepIntervalMs)

  const tickets = new Map<string, Entry>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  function sweep(now = Date.now()): void {
    for (const [ticket, entry] of tickets) {
      if (entry.expiresAt <= now) tickets.delete(ticket)
    }
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
      positiveInteger('ttlMs', ttlMs)
      if (tickets.size >= maxTickets) sweep()
      if (tickets.size >= maxTickets) {
        throw new HubError('ticket_store_full', 'Too many tickets outstanding, retry shortly', {
          status: 503,
          retryAfterSec: 1,
        })
      }
      const ticket = createTicketId()
      const expiresAt = Date.now() + ttlMs
      tickets.set(ticket, { principal, expiresAt })
      arm()
      return { ticket, expiresAt }
    },

    async consume(ticket) {
      const entry = tickets.get(ticket)
      if (!entry) return undefined
      tickets.delete(ticket)
      disarmIfEmpty()
      return entry.expiresAt > Date.now() ? entry.principal : undefined
    },

    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      tickets.clear()
    },
  }
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new HubError('invalid_option', `memoryTicketStore: ${name} must be a positive integer`, {
      status: 500,
    })
  }
}

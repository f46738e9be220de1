import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HubError } from '../HubError'
import { isTicketId } from './createTicketId'
import { type MemoryTicketStoreOptions, memoryTicketStore } from './memoryTicketStore'

const alice = { metadata: { user_id: 'alice' }, allowedTopics: ['orders.>'] }

describe('memoryTicketStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('issues a ticket that is consumed exactly once', async () => {
    const store = memoryTicketStore()
    const { ticket, expiresAt } = await store.issue(alice, 30_000)
    expect(isTicketId(ticket)).toBe(true)
    expect(expiresAt).toBe(1_030_000)
    expect(await store.consume(ticket)).toEqual(alice)
    expect(await store.consume(ticket)).toBeUndefined()
  })

  it('gives undefined for an unknown ticket', async () => {
    expect(await memoryTicketStore().consume('A'.repeat(43))).toBeUndefined()
  })

  it('gives undefined for an expired ticket, even before the sweep', async () => {
    const store = memoryTicketStore({ sweepIntervalMs: 60_000 })
    const { ticket } = await store.issue(alice, 1_000)
    vi.advanceTimersByTime(1_000)
    expect(await store.consume(ticket)).toBeUndefined()
  })

  it('holds one timer only while tickets exist', async () => {
    const store = memoryTicketStore()
    expect(vi.getTimerCount()).toBe(0)
    const first = await store.issue(alice, 30_000)
    const second = await store.issue(alice, 30_000)
    expect(vi.getTimerCount()).toBe(1)
    await store.consume(first.ticket)
    expect(vi.getTimerCount()).toBe(1)
    await store.consume(second.ticket)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sweeps expired tickets and then disarms', async () => {
    const store = memoryTicketStore({ maxTickets: 2, sweepIntervalMs: 1_000 })
    await store.issue(alice, 500)
    await store.issue(alice, 500)
    await expect(store.issue(alice, 500)).rejects.toThrow('Too many tickets')
    vi.advanceTimersByTime(1_000)
    expect(vi.getTimerCount()).toBe(0)
    await expect(store.issue(alice, 500)).resolves.toHaveProperty('ticket')
  })

  it('refuses past maxTickets with 503 ticket_store_full and Retry-After', async () => {
    const store = memoryTicketStore({ maxTickets: 1 })
    await store.issue(alice, 30_000)
    const error = await store.issue(alice, 30_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HubError)
    expect(error).toMatchObject({ code: 'ticket_store_full', status: 503, retryAfterSec: 1 })
  })

  it('makes room from expired tickets before refusing, without waiting for the timer', async () => {
    const store = memoryTicketStore({ maxTickets: 1, sweepIntervalMs: 60_000 })
    await store.issue(alice, 1_000)
    vi.setSystemTime(1_002_000)
    await expect(store.issue(alice, 1_000)).resolves.toHaveProperty('ticket')
  })

  it('close() stops the timer, forgets tickets and refuses new ones', async () => {
    const store = memoryTicketStore()
    const { ticket } = await store.issue(alice, 30_000)
    await store.close?.()
    expect(vi.getTimerCount()).toBe(0)
    expect(await store.consume(ticket)).toBeUndefined()
    await expect(store.issue(alice, 30_000)).rejects.toMatchObject({
      code: 'ticket_store_closed',
      status: 503,
    })
  })

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects ttlMs %s', async (ttlMs) => {
    await expect(memoryTicketStore().issue(alice, ttlMs)).rejects.toThrow(
      'memoryTicketStore: ttlMs must be a positive integer',
    )
  })

  it.each<[MemoryTicketStoreOptions, string]>([
    [{ maxTickets: 0 }, 'maxTickets'],
    [{ maxTickets: 2.5 }, 'maxTickets'],
    [{ sweepIntervalMs: -5 }, 'sweepIntervalMs'],
    [{ maxTicketsPerPrincipal: 0 }, 'maxTicketsPerPrincipal'],
  ])('rejects options %o', (options, name) => {
    expect(() => memoryTicketStore(options)).toThrow(`memoryTicketStore: ${name} must be a positive integer`)
  })

  describe('per-principal quota', () => {
    const bob = { id: 'bob', metadata: { tenant_id: 't1' } }
    const mallory = { id: 'mallory', metadata: { tenant_id: 't1' } }

    it('keeps one principal from filling the store and locking everyone else out', async () => {
      const store = memoryTicketStore({ maxTickets: 5, maxTicketsPerPrincipal: 2 })
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.issue(mallory, 30_000).then(
            () => 'issued',
            (e: HubError) => e.code,
          ),
        ),
      )
      expect(attempts.filter((result) => result === 'issued')).toHaveLength(2)
      expect(attempts.filter((result) => result === 'ticket_quota_exceeded')).toHaveLength(8)
      await expect(store.issue(bob, 30_000)).resolves.toHaveProperty('ticket')
    })

    it('refuses with 429 ticket_quota_exceeded and a Retry-After of when its oldest ticket expires', async () => {
      const store = memoryTicketStore({ maxTicketsPerPrincipal: 2 })
      await store.issue(mallory, 30_000)
      vi.advanceTimersByTime(12_500)
      await store.issue(mallory, 30_000)
      const error = await store.issue(mallory, 30_000).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HubError)
      expect(error).toMatchObject({
        code: 'ticket_quota_exceeded',
        status: 429,
        retryAfterSec: 18,
        message: 'Too many tickets outstanding for this principal (2): use one or wait for one to expire',
      })
    })

    it('gives a slot back when a ticket is used or expires, without waiting for the sweep', async () => {
      const store = memoryTicketStore({ maxTicketsPerPrincipal: 2, sweepIntervalMs: 60_000 })
      const first = await store.issue(mallory, 30_000)
      await store.issue(mallory, 1_000)
      await expect(store.issue(mallory, 30_000)).rejects.toMatchObject({ code: 'ticket_quota_exceeded' })
      expect(await store.consume(first.ticket)).toEqual(mallory)
      const third = await store.issue(mallory, 30_000)
      await expect(store.issue(mallory, 30_000)).rejects.toMatchObject({ code: 'ticket_quota_exceeded' })
      vi.advanceTimersByTime(1_000)
      await expect(store.issue(mallory, 30_000)).resolves.toHaveProperty('ticket')
      expect(await store.consume(third.ticket)).toEqual(mallory)
    })

    it('knows a principal without id by its metadata; anonymous principals share one quota', async () => {
      const store = memoryTicketStore({ maxTicketsPerPrincipal: 1 })
      await store.issue({ metadata: { user_id: 'u1', tenant_id: 't1' } }, 30_000)
      await expect(
        store.issue({ metadata: { tenant_id: 't1', user_id: 'u1' } }, 30_000),
      ).rejects.toMatchObject({
        code: 'ticket_quota_exceeded',
      })
      await expect(
        store.issue({ metadata: { tenant_id: 't1', user_id: 'u2' } }, 30_000),
      ).resolves.toBeDefined()
      await store.issue({ metadata: {} }, 30_000)
      await expect(store.issue({ metadata: {} }, 30_000)).rejects.toMatchObject({
        code: 'ticket_quota_exceeded',
      })
    })

    it('allows 100 outstanding tickets per principal by default', async () => {
      const store = memoryTicketStore()
      for (let i = 0; i < 100; i++) await store.issue(mallory, 30_000)
      await expect(store.issue(mallory, 30_000)).rejects.toMatchObject({ code: 'ticket_quota_exceeded' })
    })
  })
})

import { createTicketId } from '../../auth/createTicketId'
import type { Principal } from '../../auth/Principal'
import { HubError } from '../../HubError'
import type { SuiteContext } from './SuiteContext'
import { assertEqual, fail, sleep } from './support'

/** Tickets: single use on any node, expiring, junk refused without a lookup going wrong. */
export function ticketTests({ test, pair, harness }: SuiteContext): void {
  const principal: Principal = {
    metadata: { tenant_id: 't1', user_id: 'u "quoted" ü' },
    allowedTopics: ['orders', 'orders.*'],
    expiresAt: Date.now() + 3_600_000,
  }

  test('a ticket issued on one node is accepted once, on another', async () => {
    const [a, b] = await pair()
    const before = Date.now()
    const { ticket, expiresAt } = await a.tickets.issue(principal, 30_000)
    if (typeof ticket !== 'string' || ticket.length < 22)
      fail(`ticket ${JSON.stringify(ticket)} is too short to be unguessable`)
    if (expiresAt < before + 29_000 || expiresAt > Date.now() + 31_000)
      fail(`expiresAt ${expiresAt} is not 30 s away`)
    assertEqual(await b.tickets.consume(ticket), principal, 'the consumed principal')
    assertEqual(await b.tickets.consume(ticket), undefined, 'a second consume')
    assertEqual(await a.tickets.consume(ticket), undefined, 'a consume on the issuing node')
  })

  test('of many concurrent consumers of one ticket, exactly one gets the principal', async () => {
    const [a, b] = await pair()
    for (let round = 0; round < 5; round++) {
      const { ticket } = await a.tickets.issue(principal, 30_000)
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).tickets.consume(ticket)),
      )
      assertEqual(results.filter((result) => result !== undefined).length, 1, 'principals handed out')
    }
  })

  test('a ticket expires on its own', async () => {
    const [a, b] = await pair()
    const { ticket } = await a.tickets.issue(principal, 50)
    const kept = await a.tickets.issue(principal, 30_000)
    await sleep(400)
    assertEqual(await b.tickets.consume(ticket), undefined, 'an expired ticket')
    assertEqual(await b.tickets.consume(kept.ticket), principal, 'a live ticket issued alongside')
  })

  test('unknown and malformed tickets give undefined; a bad ttl rejects with a HubError', async () => {
    const [a] = await pair()
    for (const ticket of [
      createTicketId(),
      '',
      'x',
      '*',
      'a'.repeat(10_000),
      "'; DROP TABLE x; --",
      '\u0000',
    ]) {
      assertEqual(
        await a.tickets.consume(ticket),
        undefined,
        `consume(${JSON.stringify(ticket.slice(0, 20))})`,
      )
    }
    for (const ttlMs of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      const error = await a.tickets.issue(principal, ttlMs).then(
        () => fail(`issue with ttlMs ${ttlMs} resolved`),
        (rejection: unknown) => rejection,
      )
      if (!(error instanceof HubError)) fail(`issue with ttlMs ${ttlMs} rejected with ${String(error)}`)
    }
  })

  test(
    'one principal holds at most its quota of outstanding tickets, counted across nodes',
    async () => {
      const [a, b] = await pair()
      const quota = harness.ticketQuota!
      const held = { id: `quota-${Math.random()}`, metadata: { tenant_id: 't1' } }
      const tickets: string[] = []
      for (let i = 0; i < quota; i++) tickets.push((await (i % 2 ? b : a).tickets.issue(held, 30_000)).ticket)
      const error = await b.tickets.issue(held, 30_000).then(
        () => fail(`ticket ${quota + 1} of one principal was issued`),
        (rejection: unknown) => rejection,
      )
      if (!(error instanceof HubError)) fail(`the refusal is ${String(error)}, not a HubError`)
      assertEqual([error.code, error.status], ['ticket_quota_exceeded', 429], 'the refusal')
      if (!(error.retryAfterSec! >= 1 && error.retryAfterSec! <= 31))
        fail(`retryAfterSec is ${error.retryAfterSec}`)
      // Another principal is not affected; a consumed ticket frees its slot.
      await a.tickets.issue({ id: `other-${Math.random()}`, metadata: { tenant_id: 't1' } }, 30_000)
      assertEqual(await a.tickets.consume(tickets[0]!), held, 'the consumed principal')
      await b.tickets.issue(held, 30_000)
    },
    'ticketQuota',
  )
}

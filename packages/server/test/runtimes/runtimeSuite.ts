/**
 * The hub's integration tests in a form every runtime runs: streams and lanes, replay and resync, groups
 * and tenant isolation, jwtAuth and tickets, drain, disconnect detection, backpressure through the web
 * stream's `desiredSize`, and a stalled reader's bounded memory. Only `fetch`, web streams, Hono and the
 * hub: each runtime brings a server (`RuntimeServer`) and runs `runSuite`, and `runtimeSuite.test.ts`
 * asserts what each one reports.
 */
import { Hono } from 'hono'
import { SignJWT } from 'jose'
import { connectSse, eventually, openSse, type SseClient, sleep } from '../../../../testing/sseClient'
import { createHub, type Hub, type HubOptions, jwtAuth, memoryReplay } from '../../src/index'

/** Serves a Hono app on 127.0.0.1 (a fault-matrix `Harness` is one). */
export interface RuntimeServer {
  name: string
  serve(app: Hono, options: { directWrite: boolean }): Promise<{ url: string; close(): Promise<void> }>
}

export interface ScenarioResult {
  name: string
  /** What went against the contract; empty when the scenario passed. */
  violations: string[]
  ms: number
}

const SECRET = 'runtime-suite-secret-of-at-least-32-bytes!'

/** One scenario: a hub on a server, clients, and the checks; `fail` records a violation. */
interface Scenario {
  name: string
  /** Made for each run: a store is one hub's. */
  options?: () => HubOptions
  run(context: ScenarioContext): Promise<void>
}

interface ScenarioContext {
  hub: Hub
  url: string
  open(path: string, headers?: Record<string, string>): Promise<SseClient>
  bearer(claims: Record<string, unknown>): Promise<Record<string, string>>
  check(ok: boolean, what: string): void
}

const idOf = (data: unknown) => (data as { id?: string } | undefined)?.id
const eventsNamed = (client: SseClient, event: string) => client.events.filter((e) => e.event === event)

const SCENARIOS: Scenario[] = [
  {
    name: 'streams: headers, connected, an instant event to two clients, coalesced progress',
    options: () => ({ flushIntervalMs: 200 }),
    async run({ hub, open, check }) {
      const a = await open('/events?topics=orders')
      const b = await open('/events?topics=orders.*,imports.>')
      check(a.headers?.get('content-type') === 'text/event-stream; charset=utf-8', 'content-type')
      check(a.headers?.get('cache-control') === 'no-cache, no-transform', 'cache-control')
      check(a.frames[0]?.retry === 3000, 'retry field first')
      await hub.invalidate('orders', { id: 'ord_1', action: 'updated' })
      await a.untilEvent('invalidate')
      await b.untilEvent('invalidate')
      for (const current of [1, 2, 3, 4]) await hub.progress('imports', { id: 'imp_1', current, total: 4 })
      await hub.complete('imports', { id: 'imp_1' })
      await b.untilEvent('complete')
      const progress = eventsNamed(b, 'progress')
      check(progress.length < 4, `progress coalesced (${progress.length} frames for 4 updates)`)
      check(eventsNamed(a, 'progress').length === 0, 'a client never gets what it did not subscribe to')
    },
  },
  {
    name: 'replay and resync: a resume replays what it missed; a foreign or forgotten id gets resync',
    options: () => ({ replay: memoryReplay({ maxEvents: 5 }) }),
    async run({ hub, open, check }) {
      const first = await open('/events?topics=orders')
      await hub.invalidate('orders', { id: 'seen' })
      await first.untilEvent('invalidate')
      const lastEventId = first.lastEventId!
      first.abort()
      await hub.invalidate('orders', { id: 'missed' })
      await hub.invalidate('other', { id: 'not-mine' })
      const resumed = await open('/events?topics=orders', { 'last-event-id': lastEventId })
      const opening = resumed.events.map((e) => `${e.event}:${idOf(e.data) ?? JSON.stringify(e.data)}`)
      check(
        opening[0] === 'invalidate:missed' && opening.length === 2,
        `replay after ${lastEventId}: ${opening.join(',')}`,
      )
      check((resumed.events.at(-1)?.data as { resumed?: boolean })?.resumed === true, 'resumed: true')
      const foreign = await open('/events?topics=orders', { 'last-event-id': 'aaaaaaaaaa-1' })
      check(foreign.events[0]?.event === 'resync', 'a foreign id gets resync')
      const old = resumed.lastEventId!
      for (let i = 0; i < 10; i++) await hub.signal('other')
      const forgotten = await open('/events?topics=orders', { 'last-event-id': old })
      const reason = (forgotten.events[0]?.data as { reason?: string } | undefined)?.reason
      check(reason === 'replay-gap', `an id older than the window gets resync replay-gap (${reason})`)
      const malformed = await open('/events?topics=orders', { 'last-event-id': 'x'.repeat(300) })
      check(malformed.status === 400, `an oversized id gets 400 (${malformed.status})`)
    },
  },
  {
    name: 'groups: a tenant-scoped event reaches that tenant only, in replay as live',
    async run({ hub, open, bearer, check }) {
      const t1 = await open('/events?topics=orders', await bearer({ tenant_id: 't1' }))
      const t2 = await open('/events?topics=orders', await bearer({ tenant_id: 't2' }))
      const lastOfT2 = t2.lastEventId!
      await hub.invalidate('orders', { id: 'secret', tenant: 't1' })
      await hub.invalidate('orders', { id: 'public' })
      await t1.until(() => t1.events.some((e) => idOf(e.data) === 'public'))
      await t2.until(() => t2.events.some((e) => idOf(e.data) === 'public'))
      check(
        t1.events.some((e) => idOf(e.data) === 'secret'),
        't1 gets its event',
      )
      check(!t2.events.some((e) => idOf(e.data) === 'secret'), 't2 never sees t1’s event live')
      const replayed = await open('/events?topics=orders', {
        ...(await bearer({ tenant_id: 't2' })),
        'last-event-id': lastOfT2,
      })
      check(!replayed.events.some((e) => idOf(e.data) === 'secret'), 'nor in replay')
    },
  },
  {
    name: 'auth: jwtAuth (401, 403), tickets spent once',
    async run({ url, open, bearer, check }) {
      const none = await open('/events?topics=orders')
      check(none.status === 401 && none.code === 'unauthorized', `no token: ${none.status} ${none.code}`)
      const bad = await open('/events?topics=orders', { authorization: 'Bearer nope' })
      check(bad.status === 401, `bad token: ${bad.status}`)
      const limited = await open('/events?topics=admin', await bearer({ allowed_topics: ['orders.>'] }))
      check(limited.status === 403, `topic not allowed: ${limited.status}`)
      const response = await fetch(`${url}/events/ticket`, {
        method: 'POST',
        headers: await bearer({ tenant_id: 't1' }),
      })
      const { ticket } = (await response.json()) as { ticket: string }
      const first = await open(`/events?topics=orders&ticket=${ticket}`)
      check(first.status === 200, `ticket accepted: ${first.status}`)
      const again = await open(`/events?topics=orders&ticket=${ticket}`)
      check(again.status === 401 && again.code === 'invalid_ticket', `ticket reused: ${again.status}`)
    },
  },
  {
    name: 'drain: streams are told when to reconnect and end; new ones get 503',
    async run({ hub, open, check }) {
      const client = await open('/events?topics=orders')
      const drained = hub.drain({ graceMs: 200 })
      await client.untilEvent('drain')
      await drained
      await eventually(() => client.ended, 3000)
      check(client.ended, 'the stream ended')
      const late = await open('/events?topics=orders')
      check(late.status === 503 && late.code === 'draining', `after drain: ${late.status} ${late.code}`)
    },
  },
  {
    name: 'disconnects: a client that leaves, at any moment, is gone from every index and timer',
    async run({ hub, url, open, check }) {
      const client = await open('/events?topics=orders')
      check(hub.stats().connections === 1, 'one open')
      client.abort()
      for (let i = 0; i < 10; i++) {
        const early = openSse(`${url}/events?topics=orders`)
        setTimeout(() => early.abort(), i * 2)
      }
      const gone = await eventually(() => {
        const { connections, scheduledTasks, streams } = hub.stats()
        return connections === 0 && scheduledTasks === 0 && streams.opening + streams.open === 0
      }, 8000)
      check(gone, `left behind: ${JSON.stringify(hub.stats())}`)
    },
  },
  {
    name: 'backpressure: a stalled reader overflows its buffer, not memory; it gets resync; others flow',
    options: () => ({ bufferBytes: 32 * 1024, heartbeatMs: 60_000 }),
    async run({ hub, open, check }) {
      const stalled = await open('/events?topics=bulk')
      const live = await open('/events?topics=bulk')
      stalled.stall()
      const hint = 'x'.repeat(4096)
      let peakQueued = 0
      // ~16 MB: far more than the socket buffers between the server and the client take.
      for (let i = 0; i < 4000; i++) {
        await hub.invalidate('bulk', { id: `e${i}`, hint })
        // A task boundary every 16 KiB, as publishes from request handlers have: Deno's server takes a
        // body's bytes on a task of its own, so a synchronous burst past bufferBytes overflows any reader.
        if (i % 4 === 3) await sleep(0)
        if (i % 100 === 99) {
          for (const connection of hub.connectionStats())
            peakQueued = Math.max(peakQueued, connection.queuedBytes)
          await live.until(() => eventsNamed(live, 'invalidate').length > i - 100, 10_000)
        }
      }
      await live.until(() => eventsNamed(live, 'invalidate').length === 4000, 20_000)
      check(hub.stats().droppedByReason.overflow > 0, 'frames past the buffer are dropped')
      check(peakQueued <= 32 * 1024, `queued bytes stay within bufferBytes (peak ${peakQueued})`)
      check(!live.events.some((e) => e.event === 'resync'), 'the live reader is not disturbed')
      stalled.resume()
      await stalled.untilEvent('resync', 1, 20_000)
      const resync = stalled.events.find((e) => e.event === 'resync')?.data
      check(
        (resync as { reason?: string }).reason === 'overflow',
        `resync overflow: ${JSON.stringify(resync)}`,
      )
    },
  },
]

function bearerFor(claims: Record<string, unknown>): Promise<Record<string, string>> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET))
    .then((token) => ({ authorization: `Bearer ${token}` }))
}

/** Runs one scenario on `server`; never throws. */
async function runScenario(server: RuntimeServer, scenario: Scenario, directWrite: boolean) {
  const violations: string[] = []
  const started = performance.now()
  const auth = scenario.name.startsWith('auth') || scenario.name.startsWith('groups')
  const hub = createHub({
    directWrite,
    metrics: false,
    logger: { error() {}, warn() {}, info() {}, debug() {} },
    ...(auth ? { authenticate: jwtAuth({ secret: SECRET }) } : {}),
    ...scenario.options?.(),
  })
  const app = new Hono()
  app.get('/events', hub.handler())
  app.post('/events/ticket', hub.ticketHandler())
  const served = await server.serve(app, { directWrite })
  const clients: SseClient[] = []
  try {
    await scenario.run({
      hub,
      url: served.url,
      async open(path, headers) {
        const client = await connectSse(`${served.url}${path}`, headers)
        clients.push(client)
        return client
      },
      bearer: bearerFor,
      check(ok, what) {
        if (!ok) violations.push(what)
      },
    })
  } catch (error) {
    violations.push(`threw: ${(error as Error).message}`)
  } finally {
    for (const client of clients) client.abort()
    await hub.close()
    await Promise.race([served.close(), sleep(3000)])
  }
  return { name: scenario.name, violations, ms: Math.round(performance.now() - started) }
}

/** Every scenario, one after another, on `server`. */
export async function runSuite(server: RuntimeServer, directWrite = false): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = []
  for (const scenario of SCENARIOS) results.push(await runScenario(server, scenario, directWrite))
  return results
}

export const SCENARIO_COUNT = SCENARIOS.length

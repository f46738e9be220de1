/**
 * The fault-injection matrix of a stream's life: every await point a request crosses (authenticate, the
 * ticket lookup, onConnect, the replay read, the head write, a middleware after `next()`) crossed with
 * every fault (the client leaving, an exception, `drain()`, `close()`, a 50 ms and a 3 s delay). For each
 * cell it checks the invariants of DESIGN §3 "Stream lifecycle" and reports what it saw.
 *
 * It uses only web standards, the hub and Hono, so the same cells run on Node (`@hono/node-server`, both
 * write paths) and on Bun (`Bun.serve`): each runtime brings a `Harness` that serves a Hono app.
 */

import type { Context } from 'hono'
import { Hono } from 'hono'
import { eventually, openSse, sleep } from '../../../../testing/sseClient'
import type { ReplayStore, TicketStore } from '../../src/engine/index'
import {
  createHub,
  type HubOptions,
  type Logger,
  memoryReplay,
  memoryTicketStore,
  type Principal,
} from '../../src/index'

export type AwaitPoint = 'authenticate' | 'ticket' | 'onConnect' | 'replay' | 'head' | 'middleware'
export type Fault = 'abort' | 'exception' | 'drain' | 'close' | 'delay50' | 'delay3s'

export const AWAIT_POINTS: readonly AwaitPoint[] = [
  'authenticate',
  'ticket',
  'onConnect',
  'replay',
  'head',
  'middleware',
]
export const FAULTS: readonly Fault[] = ['abort', 'exception', 'drain', 'close', 'delay50', 'delay3s']

/** Serves a Hono app on 127.0.0.1; `raw` says whether handlers see `@hono/node-server`'s raw response. */
export interface Harness {
  name: string
  /** The head write is the hub's own only where it writes on a raw response. */
  writesHeadItself: boolean
  serve(app: Hono, options: { directWrite: boolean }): Promise<{ url: string; close(): Promise<void> }>
  /** Log lines of the runtime and its adapter (node-server logs ERR_HTTP_HEADERS_SENT to console.error). */
  adapterLog(): string[]
}

export interface CellResult {
  point: AwaitPoint
  fault: Fault
  /** What the client saw: an HTTP status and the stream events it read, or `aborted`. */
  outcome: string
  violations: string[]
}

/** Whether a cell exists: a synchronous head write has nothing to wait on, so only some faults apply. */
export function cellApplies(point: AwaitPoint, fault: Fault, harness: Harness): boolean {
  if (point !== 'head') return true
  return harness.writesHeadItself && (fault === 'abort' || fault === 'exception')
}

const GRACE_MS = 300
const TENANT = 't1'

/** A gate an await point waits on; the cell decides how it opens. */
function gate() {
  let entered!: () => void
  const reached = new Promise<void>((resolve) => {
    entered = resolve
  })
  let open!: (how: { fail?: boolean; afterMs?: number }) => void
  const opened = new Promise<{ fail?: boolean; afterMs?: number }>((resolve) => {
    open = resolve
  })
  const state = { passed: false, used: false }
  return {
    reached,
    open,
    state,
    /**
     * Called at the await point: the first request says it is there, then waits as the cell decides;
     * later ones (the live client that checks for ghosts) pass straight through.
     */
    async pass(): Promise<void> {
      if (state.used) return
      state.used = true
      entered()
      const how = await opened
      if (how.afterMs) await sleep(how.afterMs)
      state.passed = true
      if (how.fail) throw new Error(`injected failure`)
    },
  }
}

/** Runs one cell on `harness` and checks every invariant; never throws. */
export async function runCell(
  harness: Harness,
  point: AwaitPoint,
  fault: Fault,
  directWrite: boolean,
): Promise<CellResult> {
  const violations: string[] = []
  const logged: string[] = []
  const adapterLogStart = harness.adapterLog().length
  const logger = capturingLogger(logged)
  const atPoint = gate()
  const principal: Principal = { metadata: { tenant_id: TENANT } }
  const tickets = memoryTicketStore()
  const replay = memoryReplay()
  const options: HubOptions = {
    directWrite,
    // A web-stream body nobody reads for two heartbeats is dropped: longer than the 3 s delay cells.
    heartbeatMs: 2000,
    retryMs: 1000,
    logger,
    limits: { maxConnectionsPerTenant: 1 },
    authenticate: async () => {
      if (point === 'authenticate') await atPoint.pass()
      return principal
    },
    tickets: point === 'ticket' ? gatedTickets(tickets, atPoint.pass) : tickets,
    replay: point === 'replay' ? gatedReplay(replay, atPoint.pass) : replay,
    onConnect: point === 'onConnect' ? () => atPoint.pass() : undefined,
  }
  const hub = createHub(options)
  const app = new Hono()
  if (point === 'middleware') {
    app.use('/events', async (_c, next) => {
      await next()
      await atPoint.pass()
    })
  }
  if (point === 'head') app.use('/events', (c, next) => gatedHeadWrite(c, next, atPoint, fault))
  app.get('/events', hub.handler())
  app.post('/events/ticket', hub.ticketHandler())
  const server = await harness.serve(app, { directWrite })

  let outcome = 'not run'
  try {
    let url = `${server.url}/events?topics=orders`
    const headers: Record<string, string> = {}
    if (point === 'ticket') {
      const answer = await fetch(`${server.url}/events/ticket`, { method: 'POST' })
      url += `&ticket=${((await answer.json()) as { ticket: string }).ticket}`
    }
    if (point === 'replay') headers['last-event-id'] = await hub.invalidate('orders', { id: 'before' })

    const client = openClient(url, headers)
    const reached = await Promise.race([atPoint.reached.then(() => true), sleep(5000).then(() => false)])
    if (!reached) violations.push('the await point was never reached')

    let drained: Promise<number> | undefined
    switch (fault) {
      case 'abort':
        client.abort()
        await sleep(20)
        atPoint.open({})
        break
      case 'exception':
        atPoint.open({ fail: true })
        break
      case 'drain': {
        const started = performance.now()
        drained = hub.drain({ graceMs: GRACE_MS }).then(() => performance.now() - started)
        atPoint.open({})
        break
      }
      case 'close':
        void hub.close()
        atPoint.open({})
        break
      case 'delay50':
        atPoint.open({ afterMs: 50 })
        break
      case 'delay3s':
        atPoint.open({ afterMs: 3000 })
        break
    }

    const live = fault === 'delay50' || fault === 'delay3s'
    if (live) {
      // A slow step must not lose the stream: it opens, and what is published reaches it.
      await client.until((events) => events.includes('connected'), 8000)
      if (point === 'middleware' && harness.writesHeadItself && fault === 'delay3s' && atPoint.state.passed) {
        violations.push('the stream waited for a middleware that awaits after next()')
      }
      await hub.invalidate('orders')
      await client.until((events) => events.includes('invalidate'), 5000)
    }
    const seen = await client.settle(live ? 0 : 3000)
    outcome = seen.status === undefined ? 'aborted' : `${seen.status} ${seen.events.join(',')}`.trim()
    checkResponse(seen, violations)
    checkExpectedOutcome(point, fault, harness, seen, violations)
    client.abort()

    if (drained) {
      const tookMs = await Promise.race([drained, sleep(GRACE_MS + 5000).then(() => Number.NaN)])
      if (!(tookMs <= GRACE_MS + 1000)) violations.push(`drain() took ${tookMs} ms (grace ${GRACE_MS} ms)`)
    }
    // Once the client is gone: nothing of it is left anywhere.
    const gone = await eventually(() => {
      const { connections, scheduledTasks, streams } = hub.stats()
      return (
        connections === 0 && scheduledTasks === 0 && streams.opening + streams.open + streams.retiring === 0
      )
    }, 8000)
    if (!gone) violations.push(`left behind: ${JSON.stringify(hub.stats())}`)
    // A live client of the same tenant (limit 1) is never refused because of a ghost.
    if (fault !== 'drain' && fault !== 'close') {
      atPoint.open({})
      const next = openClient(`${server.url}/events?topics=orders`, {})
      const after = await next.until((events) => events.includes('connected'), 5000)
      if (after.status !== 200) violations.push(`a live client of the tenant got ${after.status}`)
      next.abort()
    }
  } catch (error) {
    violations.push(`the cell threw: ${(error as Error).stack ?? error}`)
  } finally {
    await hub.close()
    await server.close()
  }
  const headersSent = [...logged, ...harness.adapterLog().slice(adapterLogStart)].filter((line) =>
    line.includes('HEADERS_SENT'),
  )
  if (headersSent.length > 0 && !mayLogHeadersSent(point, fault, harness)) {
    violations.push(`ERR_HTTP_HEADERS_SENT: ${headersSent[0]}`)
  }
  return { point, fault, outcome, violations }
}

/**
 * The one cell that may log it: a middleware that throws after `next()` on a stream whose head the hub
 * wrote. Hono then hands the adapter an error response for a request that is already answered; the adapter
 * logs that it cannot send it and ends the stream (the client reconnects). Documented in the README.
 */
function mayLogHeadersSent(point: AwaitPoint, fault: Fault, harness: Harness): boolean {
  return point === 'middleware' && fault === 'exception' && harness.writesHeadItself
}

/** Every 200 is a stream that says `connected`. */
function checkResponse(seen: ClientView, violations: string[]): void {
  if (seen.status !== 200) return
  if (!seen.contentType?.startsWith('text/event-stream')) {
    violations.push(`200 with content-type ${seen.contentType}`)
  }
  if (!seen.events.includes('connected')) violations.push(`200 without connected: ${seen.events.join(',')}`)
}

function checkExpectedOutcome(
  point: AwaitPoint,
  fault: Fault,
  harness: Harness,
  seen: ClientView,
  violations: string[],
): void {
  const afterOpen = point === 'middleware'
  const expect = (ok: boolean, what: string) => {
    if (!ok)
      violations.push(`expected ${what}, saw ${seen.status} ${seen.events.join(',')} ${seen.code ?? ''}`)
  }
  switch (fault) {
    case 'drain':
      if (afterOpen) expect(seen.status === 200 && seen.events.includes('drain'), 'a stream that drains')
      else expect(seen.status === 503 && seen.code === 'draining', '503 draining')
      break
    case 'close':
      if (afterOpen) expect(seen.status === 200 || seen.status === undefined, 'a stream that ends')
      else expect(seen.status === 503 && seen.code === 'hub_closed', '503 hub_closed')
      break
    case 'exception':
      if (afterOpen && harness.writesHeadItself) expect(seen.status === 200, 'a stream that ends')
      else if (!afterOpen) expect(seen.status === 500 && seen.code === 'internal', 'a masked 500')
      break
    case 'delay50':
    case 'delay3s':
      expect(seen.status === 200 && seen.events.includes('invalidate'), 'a live stream')
      break
    case 'abort':
      break
  }
}

interface ClientView {
  status: number | undefined
  contentType: string | undefined
  code: string | undefined
  events: string[]
}

/** The shared SSE client, seen as the status, the content type and the event names it read. */
function openClient(url: string, headers: Record<string, string>) {
  const client = openSse(url, headers)
  const view = (): ClientView => ({
    status: client.status,
    contentType: client.headers?.get('content-type') ?? undefined,
    code: client.code,
    events: client.events.map((event) => event.event),
  })
  return {
    abort: () => client.abort(),
    async until(check: (events: string[]) => boolean, timeoutMs: number): Promise<ClientView> {
      await eventually(() => client.ended || check(view().events), timeoutMs)
      return view()
    },
    /** Waits for the response to end (or `timeoutMs`), then returns what was seen. */
    async settle(timeoutMs: number): Promise<ClientView> {
      await Promise.race([client.finished, sleep(timeoutMs)])
      return view()
    },
  }
}

function gatedTickets(store: TicketStore, pass: () => Promise<void>): TicketStore {
  return {
    issue: (principal, ttlMs) => store.issue(principal, ttlMs),
    async consume(ticket) {
      await pass()
      return store.consume(ticket)
    },
    close: () => store.close?.(),
  }
}

function gatedReplay(store: ReplayStore, pass: () => Promise<void>): ReplayStore {
  return {
    record: (event) => store.record(event),
    async since(lastEventId, headId, filter) {
      await pass()
      return store.since(lastEventId, headId, filter)
    },
  }
}

/**
 * The head write is synchronous: nothing can run while it happens. What can go wrong there is that it
 * throws, or that the client is already gone. The raw response's `writeHead` is wrapped to do either.
 */
async function gatedHeadWrite(
  c: Context,
  next: () => Promise<void>,
  atPoint: ReturnType<typeof gate>,
  fault: Fault,
): Promise<void> {
  const res = (
    c.env as { outgoing?: { writeHead: (...args: unknown[]) => unknown; socket?: { destroy(): void } } }
  ).outgoing
  if (res && !atPoint.state.used) {
    const writeHead = res.writeHead.bind(res)
    res.writeHead = (...args: unknown[]) => {
      res.writeHead = writeHead // the first write only: the error answer that may follow goes through
      void atPoint.pass().catch(() => {})
      if (fault === 'exception') throw new Error('injected failure at the head write')
      if (fault === 'abort') res.socket?.destroy()
      return writeHead(...args)
    }
  }
  await next()
}

function capturingLogger(lines: string[]): Logger {
  const record = (fields: Record<string, unknown>, message: string) => {
    lines.push(`${message} ${String((fields.err as Error | undefined)?.message ?? '')}`)
  }
  return { error: record, warn: record, info: record, debug: record }
}

/**
 * Runs every cell that applies on `harness`: one at a time (so a log line belongs to its cell), then the
 * 3 s ones side by side (none of them may log anything).
 */
export async function runMatrix(harness: Harness, directWrite: boolean): Promise<CellResult[]> {
  const cells = AWAIT_POINTS.flatMap((point) =>
    FAULTS.filter((fault) => cellApplies(point, fault, harness)).map((fault) => ({ point, fault })),
  )
  const results: CellResult[] = []
  for (const cell of cells.filter((c) => c.fault !== 'delay3s')) {
    results.push(await runCell(harness, cell.point, cell.fault, directWrite))
  }
  const slow = cells.filter((cell) => cell.fault === 'delay3s')
  results.push(
    ...(await Promise.all(slow.map((cell) => runCell(harness, cell.point, cell.fault, directWrite)))),
  )
  return results
}

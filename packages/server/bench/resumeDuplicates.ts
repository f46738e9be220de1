/**
 * Duplicates per resume under steady progress traffic: a client subscribed to `orders` and `imports.>`
 * while progress is published every 15 ms (so a coalesced frame is almost always pending) and an
 * invalidation every 30 ms, which drops its socket every 300–700 ms and resumes with its last id. Counts
 * the invalidations it receives more than once, and those it never receives (without a `resync`).
 *
 * Usage (from packages/server): `pnpm bench:resume [resumes]` (default 40)
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createHub } from '../src/index'

const RESUMES = Number(process.argv[2] ?? 40)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const hub = createHub({ metrics: false })
const app = new Hono().get('/events', hub.handler())
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((resolve) => server.once('listening', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events?topics=orders,imports.>`

let seq = 0
let publishing = true
const publisher = (async () => {
  while (publishing) {
    seq += 1
    await hub.progress('imports', { id: 'imp_1', current: seq, total: 1_000_000 })
    if (seq % 2 === 0) await hub.invalidate('orders', { id: `ord_${seq}`, hint: { seq } })
    await sleep(15)
  }
})()

const received = new Map<number, number>()
let resyncs = 0
let lastEventId: string | undefined

/** One connection: reads until `stayMs` is up, then drops the socket without a goodbye. */
function visit(stayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (lastEventId) headers['last-event-id'] = lastEventId
    const req = request(url, { headers })
    let buffer = ''
    req.on('response', (response) => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        for (const block of blocks) {
          const id = /^id: (.*)$/m.exec(block)?.[1]
          if (id !== undefined) lastEventId = id
          const event = /^event: (.*)$/m.exec(block)?.[1]
          if (event === 'resync') resyncs += 1
          if (event !== 'invalidate') continue
          const n = Number(/"seq":(\d+)/.exec(block)?.[1])
          received.set(n, (received.get(n) ?? 0) + 1)
        }
      })
      response.on('error', () => {})
    })
    req.on('error', () => {})
    req.end()
    setTimeout(() => {
      req.destroy()
      resolve()
    }, stayMs)
  })
}

for (let i = 0; i < RESUMES; i++) await visit(300 + Math.random() * 400)
publishing = false
await publisher
await visit(1000) // collects what is still owed
const last = seq - (seq % 2)
let duplicates = 0
let missing = 0
for (let n = 2; n <= last; n += 2) {
  const times = received.get(n) ?? 0
  if (times > 1) duplicates += times - 1
  if (times === 0) missing += 1
}
console.log(
  JSON.stringify({
    resumes: RESUMES,
    invalidations: last / 2,
    duplicates,
    duplicatesPerResume: Math.round((duplicates / RESUMES) * 100) / 100,
    missing,
    resyncs,
  }),
)
await hub.close()
server.close()

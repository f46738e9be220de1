/**
 * For the runtime smoke test: the hub's module loads where `Buffer` is not a global (Cloudflare Workers,
 * Deno without Node globals), since Node-only code runs only on Node's own write path. Node's fetch classes
 * need `Buffer` themselves, so it is gone only while the hub loads; then one stream is served through
 * `app.fetch`, and `delivered` printed once an invalidation arrived on it.
 */
import { Hono } from 'hono'

const buffer = globalThis.Buffer
Reflect.deleteProperty(globalThis, 'Buffer')
const { createHub } = await import('@ssehub/server')
globalThis.Buffer = buffer

const hub = createHub({ metrics: false })
const app = new Hono()
app.get('/events', hub.handler())

const response = await app.fetch(new Request('http://127.0.0.1/events?topics=orders'))
const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
let text = ''
const until = async (marker: string) => {
  while (!text.includes(marker)) {
    const { value, done } = await reader.read()
    if (done) throw new Error(`the stream ended before "${marker}": ${text}`)
    text += value
  }
}
await until('event: connected')
await hub.invalidate('orders', { id: 'ord_1' })
await until('event: invalidate')
console.log('delivered')
await reader.cancel()
await hub.close()

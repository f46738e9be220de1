import { connect as netConnect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { setupHub } from '../hubServer'
import { eventually, parseFrames } from '../sse'

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Splits what a socket received into HTTP/1.1 responses (Content-Length or chunked); throws on garbage. */
function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = []
  let at = 0
  while (at < text.length) {
    const headEnd = text.indexOf('\r\n\r\n', at)
    if (headEnd < 0)
      throw new Error(`an incomplete head at ${at}: ${JSON.stringify(text.slice(at, at + 80))}`)
    const [statusLine, ...lines] = text.slice(at, headEnd).split('\r\n')
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)
    if (!status) throw new Error(`not a status line at ${at}: ${JSON.stringify(statusLine)}`)
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
    }
    at = headEnd + 4
    let body = ''
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = text.indexOf('\r\n', at)
        const size = Number.parseInt(text.slice(at, lineEnd), 16)
        if (lineEnd < 0 || Number.isNaN(size)) throw new Error(`a bad chunk at ${at}`)
        at = lineEnd + 2
        if (size === 0) {
          if (text.slice(at, at + 2) !== '\r\n') throw new Error(`no end after the last chunk at ${at}`)
          at += 2
          break
        }
        body += text.slice(at, at + size)
        if (text.slice(at + size, at + size + 2) !== '\r\n') throw new Error(`a chunk overran at ${at}`)
        at += size + 2
      }
    } else {
      const length = Number(headers['content-length'] ?? 0)
      body = text.slice(at, at + length)
      at += length
    }
    responses.push({ status: Number(status[1]), headers, body })
  }
  return responses
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: hub\r\naccept: text/event-stream\r\n\r\n`

/**
 * Direct writes go to the socket, which HTTP/1.1 keep-alive hands to the next request once the stream is
 * over. Held under attack: a stream pipelined behind a slow request and ahead of another, retired while
 * events are still being published, leaves every response on the socket well framed — nothing of the
 * stream is written after its last chunk, into the next response.
 */
describe.each([
  ['direct writes', true],
  ['web stream', false],
])('pipelined requests around a stream (%s)', (_name, directWrite) => {
  it('each get a well-framed response, the stream ending before the next begins', async () => {
    const { hub, url } = await setupHub({ directWrite }, (app) => {
      app.get('/slow', async (c) => {
        await new Promise((resolve) => setTimeout(resolve, 200))
        return c.text('slow done')
      })
      app.get('/ping', (c) => c.text('pong'))
    })
    const socket = netConnect(Number(new URL(url).port), '127.0.0.1')
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    socket.on('error', () => {})
    socket.write(get('/slow') + get('/events?topics=orders') + get('/ping'))
    await eventually(() => received.includes('event: connected'))
    for (let i = 0; i < 20; i++) await hub.invalidate('orders', { id: `ord_${i}` })
    await hub.progress('imports', { id: 'imp_1', current: 1, total: 2 })
    const drained = hub.drain({ graceMs: 50 })
    const late = Array.from({ length: 20 }, (_, i) => hub.invalidate('orders', { id: `late_${i}` }))
    await drained
    await Promise.all(late)
    await eventually(() => received.endsWith('pong'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    socket.destroy()

    const [slow, stream, ping, ...more] = parseResponses(received)
    expect([slow?.body, ping?.body, more]).toEqual(['slow done', 'pong', []])
    expect(stream?.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    const { frames, rest } = parseFrames(stream!.body)
    expect(rest).toBe('')
    expect(frames[0]?.event).toBe('connected')
    expect(frames.at(-1)?.event).toBe('drain')
    expect(frames.filter((frame) => frame.event === 'invalidate').length).toBeGreaterThanOrEqual(20)
  })
})

import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { parseSseFrames, type SseFrame } from '../../../testing/sseClient'
import type { Hub } from '../src/index'

/** One parsed SSE frame, or a comment. */
export type TestFrame = SseFrame

/** A Hono app on a real `@hono/node-server` at 127.0.0.1:0. */
export async function startServer(hub: Hub, configure?: (app: Hono) => void) {
  const app = new Hono()
  configure?.(app)
  app.get('/events', hub.handler())
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

export { parseSseFrames as parseFrames }

/** A real HTTP client reading one SSE stream, with helpers to wait for frames. */
export class TestStream {
  readonly frames: TestFrame[] = []
  status = 0
  headers: IncomingMessage['headers'] = {}
  body = ''
  #buffer = ''
  #waiters: Array<() => void> = []
  #response: IncomingMessage | undefined
  readonly #request: ReturnType<typeof httpRequest>
  readonly ready: Promise<void>

  constructor(url: string, headers: Record<string, string> = {}) {
    this.#request = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } })
    this.ready = new Promise((resolve, reject) => {
      this.#request.on('response', (response) => {
        this.#response = response
        this.status = response.statusCode ?? 0
        this.headers = response.headers
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => this.#onData(chunk))
        response.on('error', () => {})
        resolve()
      })
      this.#request.on('error', reject)
    })
    this.#request.end()
  }

  /** Events other than comments, as `{ event, data }` with data parsed. */
  get events(): Array<{ id?: string; event?: string; data: unknown }> {
    return this.frames
      .filter((f) => f.comment === undefined && f.event !== undefined && f.event !== 'cursor')
      .map((f) => ({ id: f.id, event: f.event, data: f.data === undefined ? undefined : JSON.parse(f.data) }))
  }

  /** Resolves once `predicate` holds for the frames received, or rejects after `timeoutMs`. */
  async until(predicate: (frames: TestFrame[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate(this.frames)) {
      const remaining = deadline - Date.now()
      if (remaining <= 0)
        throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 2000)}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  untilEvent(event: string, count = 1, timeoutMs?: number): Promise<void> {
    return this.until((frames) => frames.filter((f) => f.event === event).length >= count, timeoutMs)
  }

  /** Calls `listener` once the server has ended the stream or the socket closed. */
  onEnd(listener: () => void): void {
    void this.ready.then(() => {
      if (!this.#response || this.#response.complete || this.#response.destroyed) listener()
      else this.#response.once('close', listener)
    })
  }

  /** Stops reading from the socket (a stalled reader) or resumes. */
  pause(): void {
    this.#response?.pause()
  }

  resume(): void {
    this.#response?.resume()
  }

  /** Tears the socket down without a goodbye, as a crashed client or dropped network would. */
  destroy(): void {
    this.#request.destroy()
  }

  #onData(chunk: string): void {
    this.body += chunk
    const { frames, rest } = parseSseFrames(this.#buffer + chunk)
    this.#buffer = rest
    this.frames.push(...frames)
    for (const wake of this.#waiters.splice(0)) wake()
  }
}

/** Opens a stream and waits for its `connected` frame. */
export async function connect(url: string, headers?: Record<string, string>): Promise<TestStream> {
  const stream = new TestStream(url, headers)
  await stream.ready
  if (stream.status === 200) await stream.untilEvent('connected')
  return stream
}

/** Waits until `check` holds (polling), for conditions outside a stream. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'

/** The stream URL the mocked hub answers on; msw intercepts it, nothing leaves the process. */
export const streamUrl = 'http://127.0.0.1:4010/events'

/** One request the mocked hub received, with the handles to drive its response. */
export interface MockConnection {
  request: Request
  url: URL
  /** Writes raw SSE text to the stream. */
  send(text: string): void
  /** Ends the stream cleanly. */
  end(): void
  /** Breaks the stream off, as a reset connection does. */
  fail(): void
  /** Whether the client aborted the request (closed, or gave up on it). */
  readonly aborted: boolean
}

/** A custom answer; a promise that never settles is a server that takes the request and never answers. */
type Responder = (connection: MockConnection) => Response | Promise<Response> | undefined

/**
 * An msw server standing in for the hub: every GET is recorded; `respond` decides each answer (a
 * stream by default). Frames are written by hand so the tests see exact bytes.
 */
export function createMockHub() {
  const connections: MockConnection[] = []
  let responders: Responder[] = []
  const server = setupServer(
    http.get(streamUrl, async ({ request }) => {
      let controller!: ReadableStreamDefaultController<Uint8Array>
      const encoder = new TextEncoder()
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c
        },
      })
      const connection: MockConnection = {
        request,
        url: new URL(request.url),
        send: (text) => controller.enqueue(encoder.encode(text)),
        end: () => controller.close(),
        fail: () => controller.error(new TypeError('terminated')),
        get aborted() {
          return request.signal.aborted
        },
      }
      connections.push(connection)
      const custom = await responders.shift()?.(connection)
      if (custom) return custom
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })
    }),
  )
  return {
    server,
    connections,
    /** Queues custom answers for the next requests, in order; `undefined` means "the normal stream". */
    respondWith(...next: Responder[]) {
      responders.push(...next)
    },
    reset() {
      connections.length = 0
      responders = []
    },
  }
}

/** A JSON error answer in the hub's shape. */
export function errorResponse(status: number, code: string, headers: Record<string, string> = {}): Response {
  return HttpResponse.json({ error: { code, message: `${code} (${status})` } }, { status, headers })
}

/** The `connected` frame a hub sends once the stream is live. */
export function connectedFrame(id: string, heartbeatMs = 15_000): string {
  const data = { connectionId: 'c1', topics: ['orders'], heartbeatMs, resumed: false }
  return `id: ${id}\nevent: connected\ndata: ${JSON.stringify(data)}\n\n`
}

/** An event frame. */
export function eventFrame(id: string, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`
}

/** Lets pending I/O and promise chains run without moving fake time forward. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve))
}

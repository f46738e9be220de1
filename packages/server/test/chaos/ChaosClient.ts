import { type ClientRequest, request } from 'node:http'
import { parseFrames } from '../sse'

/** What a client received: a domain id of an invalidation, or a `resync`. */
export type ClientEntry = { id: string } | { gap: 'replay-gap' | 'epoch' | 'overflow' }

/**
 * An SSE client as the protocol asks clients to behave, over plain `node:http`: it keeps the last id it
 * saw, reconnects with `Last-Event-ID` to the next node of the list when a stream ends, fails or is
 * refused (after the `drain` frame's delay, or 100 ms), and logs every invalidation (by its domain id,
 * so a frame written without `id:` still counts) and every `resync`, in order, across connections.
 */
export class ChaosClient {
  readonly log: ClientEntry[] = []
  connections = 0
  #lastId: string | undefined
  #request: ClientRequest | undefined
  #stopped = false
  readonly #seen = new Set<string>()

  constructor(
    readonly urls: () => string[],
    private nodeIndex: number,
  ) {}

  start(): void {
    this.#connect()
  }

  has(id: string): boolean {
    return this.#seen.has(id)
  }

  get resyncs(): number {
    return this.log.filter((entry) => 'gap' in entry).length
  }

  stop(): void {
    this.#stopped = true
    this.#request?.destroy()
  }

  #connect(): void {
    if (this.#stopped) return
    const urls = this.urls()
    const url = urls[this.nodeIndex % urls.length]!
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (this.#lastId !== undefined) headers['last-event-id'] = this.#lastId
    let reconnectInMs = 100
    let reconnecting = false
    const reconnect = () => {
      if (reconnecting || this.#stopped) return
      reconnecting = true
      this.nodeIndex += 1
      setTimeout(() => this.#connect(), reconnectInMs)
    }
    const req = request(`${url}/events?topics=orders`, { headers })
    this.#request = req
    req.on('error', reconnect)
    req.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        response.on('end', reconnect)
        return
      }
      this.connections += 1
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        const { frames, rest } = parseFrames(buffer + chunk)
        buffer = rest
        for (const frame of frames) {
          if (frame.id !== undefined) this.#lastId = frame.id
          if (frame.event === 'invalidate') {
            const id = (JSON.parse(frame.data!) as { id: string }).id
            this.#seen.add(id)
            this.log.push({ id })
          } else if (frame.event === 'resync') {
            this.log.push({ gap: (JSON.parse(frame.data!) as { reason: 'epoch' }).reason })
          } else if (frame.event === 'drain') {
            reconnectInMs = (JSON.parse(frame.data!) as { reconnectInMs: number }).reconnectInMs
          }
        }
      })
      response.on('error', reconnect)
      response.on('close', reconnect)
    })
    req.end()
  }
}

import { type ClientRequest, request } from 'node:http'
import { parseFrames } from '../sse'

/**
 * A client that comes and goes for the length of a soak: it stays connected for a random while, vanishes
 * without a goodbye, and resumes with `Last-Event-ID`. It keeps no frames, only a count per event
 * sequence number (preallocated), so the test's own memory stays flat while the hub's is measured.
 */
export class SoakClient {
  readonly seen: Uint16Array
  resyncs = 0
  connects = 0
  /** `connected` frames received: a stream is owed the events after its first one only. */
  connectedFrames = 0
  /** Events that arrived out of order within their lane. */
  misordered = 0
  #lastId: string | undefined
  #lastSeqByLane = new Map<string, number>()
  #request: ClientRequest | undefined
  #buffer = ''
  #stopped = false

  constructor(
    readonly url: string,
    maxSeq: number,
  ) {
    this.seen = new Uint16Array(maxSeq + 1)
  }

  /** Connects, then keeps cycling: stay `stayMs()`, vanish, come back after `awayMs()`. */
  run(stayMs: () => number, awayMs: () => number): void {
    const cycle = () => {
      if (this.#stopped) return
      this.connect()
      setTimeout(() => {
        if (this.#stopped) return
        this.#request?.destroy()
        setTimeout(cycle, awayMs())
      }, stayMs())
    }
    cycle()
  }

  /** Opens a new stream from the last id seen, dropping the current one if there is one. */
  connect(): void {
    this.#request?.destroy()
    this.connects += 1
    this.#buffer = ''
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (this.#lastId) headers['last-event-id'] = this.#lastId
    const req = request(this.url, { headers })
    this.#request = req
    req.on('error', () => {})
    req.on('response', (response) => {
      response.setEncoding('utf8')
      response.on('error', () => {})
      response.on('data', (chunk: string) => {
        if (this.#request === req) this.#onData(chunk)
      })
    })
    req.end()
  }

  /** Stops cycling and stays connected (to collect what is still owed), or disconnects for good. */
  settle(): void {
    this.#stopped = true
  }

  close(): void {
    this.#stopped = true
    this.#request?.destroy()
  }

  #onData(chunk: string): void {
    const { frames, rest } = parseFrames(this.#buffer + chunk)
    this.#buffer = rest
    for (const frame of frames) {
      if (frame.event === 'resync') this.resyncs += 1
      if (frame.event === 'connected') this.connectedFrames += 1
      if (frame.id !== undefined) this.#lastId = frame.id
      if (frame.event !== 'invalidate' && frame.event !== 'status') continue
      const seq = Number(/"seq":(\d+)/.exec(frame.data ?? '')?.[1])
      this.seen[seq] = (this.seen[seq] ?? 0) + 1
      if (seq <= (this.#lastSeqByLane.get(frame.event) ?? 0)) this.misordered += 1
      this.#lastSeqByLane.set(frame.event, seq)
    }
  }
}

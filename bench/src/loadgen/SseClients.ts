import { connect, type Socket } from 'node:net'
import { TIMESTAMP_MARKER, wallClockMs } from '../servers/payload'
import type { LatencyRecorder } from './LatencyRecorder'

/** Characters that may follow the marker: the publish time in ms, with a fraction. */
const isTimeChar = (code: number) => (code >= 48 && code <= 57) || code === 46

/**
 * Every socket reads into this one buffer (`onread`): no stream machinery, no `data` events, no buffer per
 * read. Each read is scanned at once, before the next can land in it.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024)

/**
 * Thousands of SSE clients on raw sockets in one process, reading as little as possible: no HTTP parser,
 * no SSE parser, no readable streams. A frame is counted where its publish-time marker is, whatever the
 * transfer encoding around it; a socket's unparsed tail is kept so a marker split across reads is still
 * found once.
 */
export class SseClients {
  readonly #sockets = new Set<Socket>()
  recorder: LatencyRecorder | undefined
  /** Frames seen since the last `resetCount`, across all sockets. */
  frames = 0

  constructor(
    readonly port: number,
    readonly path: string,
  ) {}

  get size(): number {
    return this.#sockets.size
  }

  /** Opens `count` streams, at most `inFlight` handshakes at a time; resolves when every response has started. */
  async open(count: number, inFlight = 200): Promise<void> {
    let next = 0
    const worker = async () => {
      while (next < count) {
        next += 1
        await this.#openOne()
      }
    }
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker))
  }

  #openOne(): Promise<void> {
    return new Promise((resolve, reject) => {
      let tail = ''
      let started = false
      const socket = connect({
        port: this.port,
        host: '127.0.0.1',
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (bytes: number): boolean => {
            if (!started) {
              started = true
              this.#sockets.add(socket)
              resolve()
            }
            tail = this.#scan(tail + READ_BUFFER.toString('latin1', 0, bytes))
            return true // keep reading
          },
        },
      })
      socket.once('connect', () => {
        socket.write(`GET ${this.path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n`)
      })
      socket.once('error', (error) => (started ? this.#sockets.delete(socket) : reject(error)))
      socket.once('close', () => this.#sockets.delete(socket))
    })
  }

  /** Counts the complete markers in `text` and records their latency; returns what must wait for more bytes. */
  #scan(text: string): string {
    const receivedAtMs = wallClockMs()
    let from = 0
    for (;;) {
      const at = text.indexOf(TIMESTAMP_MARKER, from)
      if (at === -1) return text.slice(Math.max(from, text.length - TIMESTAMP_MARKER.length + 1))
      const start = at + TIMESTAMP_MARKER.length
      let end = start
      while (end < text.length && isTimeChar(text.charCodeAt(end))) end++
      if (end === text.length) return text.slice(at)
      this.frames += 1
      this.recorder?.record(Number(text.slice(start, end)), receivedAtMs)
      from = end
    }
  }

  /** Resolves once `frames` reaches `expected`, or after `timeoutMs` with whatever arrived. */
  async waitForFrames(expected: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (this.frames < expected) {
      if (Date.now() > deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return true
  }

  /** Drops every socket at once, without a goodbye. */
  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
  }
}

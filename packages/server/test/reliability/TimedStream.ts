import { type ClientRequest, type IncomingMessage, request } from 'node:http'
import { parseFrames, type TestFrame } from '../sse'

/** A frame and when it was read, on the clock the publisher stamps events with. */
export interface TimedFrame extends TestFrame {
  receivedAtMs: number
}

/** Milliseconds on a clock shared by the test and the hub, with sub-millisecond precision. */
export const wallClockMs = () => performance.timeOrigin + performance.now()

/**
 * An SSE client for reliability tests: records every frame with its arrival time, can stop reading
 * (the socket backs up into the server), resume, or vanish without a goodbye.
 */
export class TimedStream {
  readonly frames: TimedFrame[] = []
  status = 0
  readonly ended: Promise<void>
  readonly ready: Promise<void>
  #buffer = ''
  #response: IncomingMessage | undefined
  readonly #request: ClientRequest

  constructor(url: string, headers: Record<string, string> = {}) {
    this.#request = request(url, { headers: { accept: 'text/event-stream', ...headers } })
    let onEnd!: () => void
    this.ended = new Promise((resolve) => {
      onEnd = resolve
    })
    this.ready = new Promise((resolve, reject) => {
      this.#request.on('response', (response) => {
        this.#response = response
        this.status = response.statusCode ?? 0
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => this.#onData(chunk))
        response.on('error', () => {})
        response.on('close', onEnd)
        resolve()
      })
      this.#request.on('error', (error) => {
        onEnd()
        reject(error)
      })
    })
    this.#request.end()
  }

  /** Events (not comments), in arrival order. */
  get events(): TimedFrame[] {
    return this.frames.filter((frame) => frame.event !== undefined)
  }

  /** The id of the last frame that had one: what a reconnect sends as `Last-Event-ID`. */
  get lastEventId(): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--)
      if (this.frames[i]!.id !== undefined) return this.frames[i]!.id
    return undefined
  }

  pause(): void {
    this.#response?.pause()
  }

  resume(): void {
    this.#response?.resume()
  }

  destroy(): void {
    this.#request.destroy()
  }

  #onData(chunk: string): void {
    const receivedAtMs = wallClockMs()
    const { frames, rest } = parseFrames(this.#buffer + chunk)
    this.#buffer = rest
    for (const frame of frames) this.frames.push({ ...frame, receivedAtMs })
  }
}

/** Opens a stream and waits until its `connected` frame is in. */
export async function openTimed(url: string, headers?: Record<string, string>): Promise<TimedStream> {
  const stream = new TimedStream(url, headers)
  await stream.ready
  await until(() => stream.frames.some((frame) => frame.event === 'connected'), 10_000)
  return stream
}

/** Polls `check` until it holds, or throws after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The `q` quantile of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

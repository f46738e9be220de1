import type { Sink } from './Sink'

/** The socket under a Node `ServerResponse`, as far as the direct path writes to it. */
export interface NodeSocketLike {
  write(chunk: Uint8Array): boolean
  readonly writableLength: number
  once(event: 'drain', listener: () => void): unknown
  off(event: 'drain', listener: () => void): unknown
  /** Node's own: the response the socket is serving now. */
  readonly _httpMessage?: unknown
}

/**
 * The subset of Node's `ServerResponse` (or `Http2ServerResponse`) the direct path uses. The underscored
 * fields are Node's own, unchanged since its first releases; they say whether frames may skip
 * `ServerResponse.write` (each is checked, and any surprise falls back to `res.write`).
 */
export interface NodeResponseLike {
  write(chunk: Uint8Array): boolean
  end(): unknown
  writeHead(status: number, headers: Record<string, string | string[]>): unknown
  flushHeaders?(): void
  readonly headersSent: boolean
  readonly writableLength: number
  readonly writableEnded: boolean
  readonly writableFinished: boolean
  readonly destroyed: boolean
  destroy(): unknown
  on(event: 'close', listener: () => void): unknown
  once(event: 'close' | 'drain', listener: () => void): unknown
  off(event: 'close' | 'drain', listener: () => void): unknown
  readonly socket?: NodeSocketLike | null
  readonly chunkedEncoding?: boolean
  readonly _headerSent?: boolean
  readonly _hasBody?: boolean
  readonly outputData?: readonly unknown[]
}

/**
 * A sink over a raw Node `ServerResponse` whose head the stream writes itself. The first write (the
 * opening) goes through the response, which puts the head on the socket with it; from then on, on
 * HTTP/1.1 with chunked encoding, each chunk goes to the socket as one pre-framed HTTP chunk. A fan-out
 * writes the same frame to every connection, so its framing is built once per event, and each connection
 * costs one socket write — where `ServerResponse.write` would build a chunk header, cork and writev for
 * every one of them. Elsewhere (HTTP/2, pipelining, data still queued in the response) every chunk takes
 * `res.write`.
 */
export class NodeResponseSink implements Sink {
  readonly #res: NodeResponseLike
  /** Set once frames may go to the socket directly. */
  #socket: NodeSocketLike | undefined
  #closed = false
  #closeListener: (() => void) | undefined
  /** The response or socket whose next `drain` the sink waits for, and its listener there (rarely set). */
  #drainWait: { on: Pick<NodeSocketLike, 'once' | 'off'>; listener: () => void } | undefined

  readonly #goodbyeMs: number
  #goodbyeTimer: ReturnType<typeof setTimeout> | undefined

  /** `goodbyeMs`: how long an ended response may wait for a client that stopped reading (then it is cut). */
  constructor(res: NodeResponseLike, goodbyeMs: number) {
    this.#res = res
    this.#goodbyeMs = goodbyeMs
    this.#closed = res.destroyed
    res.on('close', () => this.#handleClose())
  }

  write(chunk: Uint8Array): void {
    if (this.#closed || chunk.byteLength === 0) return
    if (this.#socket) {
      this.#socket.write(httpChunkOf(chunk))
      return
    }
    const res = this.#res
    if (res.writableEnded || res.destroyed) return
    res.write(chunk)
    this.#socket = writableSocketOf(res)
  }

  /** Whether the response is over (client gone, or ended). */
  get closed(): boolean {
    return this.#closed
  }

  get queuedBytes(): number {
    return this.#socket ? this.#socket.writableLength : this.#res.writableLength
  }

  end(): void {
    this.#stopWaitingForDrain()
    // Nothing more goes to the socket, which a kept-alive connection may hand to its next request.
    this.#socket = undefined
    const res = this.#res
    if (!res.writableEnded) res.end()
    // A client that stopped reading never takes the end, and its socket would outlive the stream.
    if (!this.#closed && !res.writableFinished && this.#goodbyeTimer === undefined) {
      this.#goodbyeTimer = setTimeout(() => res.destroy(), this.#goodbyeMs)
      this.#goodbyeTimer.unref?.()
    }
  }

  onClose(listener: () => void): void {
    this.#closeListener = listener
    if (this.#closed) listener()
  }

  onceDrained(listener: () => void): void {
    this.#stopWaitingForDrain()
    const on = this.#socket ?? this.#res
    const drained = () => {
      this.#drainWait = undefined
      listener()
    }
    this.#drainWait = { on, listener: drained }
    on.once('drain', drained)
  }

  #stopWaitingForDrain(): void {
    const wait = this.#drainWait
    this.#drainWait = undefined
    wait?.on.off('drain', wait.listener)
  }

  #handleClose(): void {
    clearTimeout(this.#goodbyeTimer)
    if (this.#closed) return
    this.#closed = true
    // The socket may outlive the response (keep-alive): it is handed back without our listener.
    this.#stopWaitingForDrain()
    this.#socket = undefined
    this.#closeListener?.()
  }
}

/**
 * The response's socket when a chunk may be written to it directly: the head is on it, nothing waits in
 * the response, the body is chunked, and the socket is serving this response (not a pipelined earlier one).
 */
function writableSocketOf(res: NodeResponseLike): NodeSocketLike | undefined {
  const socket = res.socket
  const direct =
    socket &&
    socket._httpMessage === res &&
    res._headerSent === true &&
    res._hasBody === true &&
    res.chunkedEncoding === true &&
    res.outputData?.length === 0
  return direct ? socket : undefined
}

/** The last chunk framed, and its framing: a fan-out writes one frame to many connections in a row. */
let lastChunk: Uint8Array | undefined
let lastHttpChunk: Uint8Array = new Uint8Array(0)

/** `chunk` framed for `Transfer-Encoding: chunked`: its size in hex, CRLF, the bytes, CRLF. */
export function httpChunkOf(chunk: Uint8Array): Uint8Array {
  if (chunk === lastChunk) return lastHttpChunk
  const head = `${chunk.byteLength.toString(16)}\r\n`
  // A Buffer (pooled), which the socket takes as it is: a plain Uint8Array would be wrapped on every write.
  const framed = Buffer.allocUnsafe(head.length + chunk.byteLength + 2)
  framed.write(head, 0, 'latin1')
  framed.set(chunk, head.length)
  framed[framed.length - 2] = 13
  framed[framed.length - 1] = 10
  lastChunk = chunk
  lastHttpChunk = framed
  return framed
}

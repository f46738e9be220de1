import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { httpChunkOf, type NodeResponseLike, NodeResponseSink, type NodeSocketLike } from './NodeResponseSink'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
const bytes = (s: string) => new TextEncoder().encode(s)

/** A socket that records what it is given and holds it as backlog until `drain()`. */
class FakeSocket extends EventEmitter implements NodeSocketLike {
  readonly written: string[] = []
  writableLength = 0
  _httpMessage: unknown
  write(chunk: Uint8Array): boolean {
    this.written.push(text(chunk))
    this.writableLength += chunk.byteLength
    return false
  }
  drain(): void {
    this.writableLength = 0
    this.emit('drain')
  }
}

/** A `ServerResponse` as Node leaves it: the first `write` sends the head along with the chunk. */
class FakeResponse extends EventEmitter implements NodeResponseLike {
  readonly written: string[] = []
  headersSent = true
  writableEnded = false
  writableFinished = false
  destroyed = false
  _headerSent = false
  _hasBody = true
  outputData: unknown[] = []
  constructor(
    readonly socket: FakeSocket,
    public chunkedEncoding: boolean,
  ) {
    super()
    socket._httpMessage = this
  }
  get writableLength() {
    return this.socket.writableLength
  }
  write(chunk: Uint8Array): boolean {
    this._headerSent = true
    this.written.push(text(chunk))
    return true
  }
  end(): void {
    this.writableEnded = true
  }
  writeHead(): this {
    return this
  }
  destroy(): void {
    this.destroyed = true
    this.emit('close')
  }
}

/** A sink over a chunked HTTP/1.1 response whose opening (and head) went out. */
function openedSink() {
  const socket = new FakeSocket()
  const res = new FakeResponse(socket, true)
  const sink = new NodeResponseSink(res, 1000)
  sink.write(bytes('retry: 1\n\n'))
  return { socket, res, sink }
}

describe('httpChunkOf', () => {
  it('frames bytes as one HTTP/1.1 chunk: size in hex, CRLF, the bytes, CRLF', () => {
    expect(text(httpChunkOf(bytes('data: x\n\n')))).toBe('9\r\ndata: x\n\n\r\n')
    const long = 'a'.repeat(300)
    expect(text(httpChunkOf(bytes(long)))).toBe(`12c\r\n${long}\r\n`)
  })

  it('frames a chunk written to many connections in a row once', () => {
    const frame = bytes('data: shared\n\n')
    expect(httpChunkOf(frame)).toBe(httpChunkOf(frame))
    expect(httpChunkOf(bytes('data: shared\n\n'))).not.toBe(httpChunkOf(frame))
  })
})

describe('NodeResponseSink', () => {
  it('sends the first write through the response (with the head), then pre-framed chunks to the socket', () => {
    const { socket, res, sink } = openedSink()
    sink.write(bytes('data: a\n\n'))
    sink.write(bytes('data: b\n\n'))
    expect(res.written).toEqual(['retry: 1\n\n'])
    expect(socket.written).toEqual(['9\r\ndata: a\n\n\r\n', '9\r\ndata: b\n\n\r\n'])
    expect(sink.queuedBytes).toBe(28)
  })

  it('never writes an empty chunk, which would end a chunked body', () => {
    const { socket, sink } = openedSink()
    sink.write(new Uint8Array(0))
    expect(socket.written).toEqual([])
  })

  const notChunked = (res: FakeResponse) => Object.assign(res, { chunkedEncoding: false })
  const servingAnother = (res: FakeResponse) => {
    res.socket._httpMessage = {}
    return res
  }
  const holdingData = (res: FakeResponse) => Object.assign(res, { outputData: ['held'] })
  const headRequest = (res: FakeResponse) => Object.assign(res, { _hasBody: false })
  it.each([
    ['the body is not chunked (HTTP/2, or a length set by a middleware)', notChunked],
    ['the socket serves another response (pipelining)', servingAnother],
    ['data is still held in the response', holdingData],
    ['the response has no body (HEAD)', headRequest],
  ])('keeps writing through the response when %s', (_case, arrange) => {
    const socket = new FakeSocket()
    const res = arrange(new FakeResponse(socket, true))
    const sink = new NodeResponseSink(res, 1000)
    sink.write(bytes('retry: 1\n\n'))
    sink.write(bytes('data: a\n\n'))
    expect(res.written).toEqual(['retry: 1\n\n', 'data: a\n\n'])
    expect(socket.written).toEqual([])
  })

  it('calls a drain listener once, on the socket it writes to, and forgets it when the response closes', () => {
    const { socket, res, sink } = openedSink()
    sink.write(bytes('data: a\n\n'))
    let drained = 0
    sink.onceDrained(() => {
      drained += 1
    })
    socket.drain()
    socket.drain()
    expect(drained).toBe(1)
    expect(sink.queuedBytes).toBe(0)

    sink.onceDrained(() => {
      drained += 1
    })
    expect(socket.listenerCount('drain')).toBe(1)
    res.emit('close')
    expect(socket.listenerCount('drain')).toBe(0) // a kept-alive socket goes back clean
    expect(sink.closed).toBe(true)
  })

  it('writes nothing to the socket once ended, even before the response reports its close', () => {
    const { socket, res, sink } = openedSink()
    sink.end()
    sink.write(bytes('data: late\n\n'))
    expect(res.writableEnded).toBe(true)
    expect(socket.written).toEqual([])
  })

  it('reports the close once and writes nothing after it', () => {
    const { socket, res, sink } = openedSink()
    let closes = 0
    sink.onClose(() => {
      closes += 1
    })
    res.emit('close')
    res.emit('close')
    sink.write(bytes('data: late\n\n'))
    expect(closes).toBe(1)
    expect(socket.written).toEqual([])
  })

  it('cuts an ended response its client does not take within goodbyeMs, and only that one', () => {
    vi.useFakeTimers()
    try {
      const stalled = openedSink()
      stalled.sink.end()
      vi.advanceTimersByTime(999)
      expect(stalled.res.destroyed).toBe(false)
      vi.advanceTimersByTime(1)
      expect(stalled.res.destroyed).toBe(true)

      const taken = openedSink()
      taken.sink.end()
      taken.res.emit('close') // the client took the end: nothing to cut
      vi.advanceTimersByTime(5000)
      expect(taken.res.destroyed).toBe(false)
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

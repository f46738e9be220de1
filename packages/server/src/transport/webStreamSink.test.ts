import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { webStreamSink } from './webStreamSink'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const bytes = (text: string) => new TextEncoder().encode(text)

describe('webStreamSink', () => {
  it('reports the reader leaving (abort or cancel) once, and at once when it already left', async () => {
    const abort = new AbortController()
    const { sink, body } = webStreamSink(abort.signal, 1000)
    let closes = 0
    sink.onClose(() => {
      closes += 1
    })
    abort.abort()
    await body.cancel()
    expect(closes).toBe(1)
    let late = 0
    sink.onClose(() => {
      late += 1
    })
    expect(late).toBe(1)
  })

  it('counts what the reader has not taken, and says whether it ever read', async () => {
    const { sink, body, claimed } = webStreamSink(new AbortController().signal, 1000)
    sink.write(bytes('data: a\n\n'))
    expect(sink.queuedBytes).toBe(9)
    expect(claimed()).toBe(false)
    const reader = body.getReader()
    await reader.read()
    void reader.read()
    await Promise.resolve()
    expect(sink.queuedBytes).toBe(0)
    expect(claimed()).toBe(true)
  })

  it('errors an ended body its reader does not read out within goodbyeMs', async () => {
    const { sink, body } = webStreamSink(new AbortController().signal, 1000)
    const reader = body.getReader()
    sink.write(bytes('data: a\n\n'))
    sink.end()
    vi.advanceTimersByTime(1000)
    await expect(reader.read()).rejects.toThrow('the client stopped reading')
  })

  it('closes an ended body its reader read out, without an error', async () => {
    const { sink, body } = webStreamSink(new AbortController().signal, 1000)
    const reader = body.getReader()
    sink.write(bytes('data: a\n\n'))
    await reader.read()
    sink.end()
    vi.advanceTimersByTime(5000)
    expect(await reader.read()).toEqual({ done: true, value: undefined })
    expect(vi.getTimerCount()).toBe(0)
  })
})

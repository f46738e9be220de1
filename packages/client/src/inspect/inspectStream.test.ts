import { QueryClient } from '@tanstack/query-core'
import { describe, expect, it, vi } from 'vitest'
import { connectedFrame, errorResponse, eventFrame, settle } from '../../test/support/mockHub'
import { useFakeTimeHub } from '../../test/support/useFakeTimeHub'
import { EventStreamError } from '../EventStreamError'
import { bindQueryClient } from '../query/bindQueryClient'
import type { InspectionRecord } from './InspectionRecord'
import { inspectStream } from './inspectStream'

const { hub, open, advance } = useFakeTimeHub()

/** Records minus their clock, for exact comparison. */
function watch(stream: Parameters<typeof inspectStream>[0]) {
  const records: InspectionRecord[] = []
  const stop = inspectStream(stream, (record) => records.push(record))
  const kinds = () => records.map((record) => record.kind)
  return { records, stop, kinds }
}

describe('inspectStream', () => {
  it('hands out the current status and role first, then every frame raw and every status change', async () => {
    const stream = open()
    const { records } = watch(stream)
    expect(records).toMatchObject([
      { kind: 'status', status: 'connecting', error: undefined, retry: undefined },
      { kind: 'role', role: 'solo' },
    ])
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1'))
    hub.connections[0]?.send('event: progress\ndata: {"pct":5}\n\nid: e-2\nevent: cursor\ndata: \n\n')
    await settle()
    expect(records.slice(2)).toMatchObject([
      { kind: 'status', status: 'open' },
      { kind: 'frame', id: 'e-1', type: 'connected', data: expect.stringContaining('"heartbeatMs"') },
      { kind: 'frame', id: undefined, type: 'progress', data: '{"pct":5}' },
      { kind: 'frame', id: 'e-2', type: 'cursor', data: '' },
    ])
    expect(records.every((record) => record.at === Date.now())).toBe(true)
    stream.close()
  })

  it('says why the stream waits and for how long: backoff, the server Retry-After, a drain', async () => {
    hub.respondWith(() => errorResponse(503, 'busy', { 'retry-after': '7' }))
    const stream = open()
    const { records } = watch(stream)
    await settle()
    const startedAt = Date.now()
    expect(records.at(-1)).toMatchObject({
      kind: 'status',
      status: 'connecting',
      error: { code: 'busy', status: 503 },
      retry: { inMs: 7000, at: startedAt + 7000, cause: 'retry-after' },
    })
    expect(stream.retry).toEqual({ inMs: 7000, at: startedAt + 7000, cause: 'retry-after' })
    await advance(7000)
    // The wait is over and an attempt runs: no retry plan while it does.
    expect(stream.retry).toBeUndefined()
    expect(records.at(-1)).toMatchObject({ kind: 'status', status: 'connecting', retry: undefined })

    hub.connections[1]?.send(connectedFrame('e-1') + eventFrame('e-2', 'drain', { reconnectInMs: 1200 }))
    await settle()
    expect(records.at(-1)).toMatchObject({
      kind: 'status',
      status: 'reconnecting',
      error: undefined,
      retry: { inMs: 1200, cause: 'drain' },
    })
    await advance(1200)
    hub.connections[2]?.fail()
    await settle()
    // Math.random is 1 here: the first backoff wait is its ceiling, the initial 500 ms.
    expect(records.at(-1)).toMatchObject({
      kind: 'status',
      status: 'reconnecting',
      error: { code: 'network_error' },
      retry: { inMs: 500, cause: 'backoff' },
    })
    stream.close()
    expect(records.at(-1)).toMatchObject({ kind: 'status', status: 'closed', retry: undefined })
  })

  it("carries each binder's decisions per key, next to the frames that caused them", async () => {
    const stream = open()
    const queryClient = new QueryClient()
    queryClient.setQueryData(['orders'], [])
    const unbind = bindQueryClient(stream, queryClient)
    const { records } = watch(stream)
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1') + eventFrame('e-2', 'invalidate', { resource: 'orders' }))
    await settle()
    await advance(20)
    const decisions = records.find((record) => record.kind === 'decisions')
    expect(decisions).toMatchObject({
      kind: 'decisions',
      report: {
        notices: [{ kind: 'invalidate', event: { resource: 'orders' } }],
        decisions: [{ key: ['orders'], outcome: 'marked-stale', cause: 'event' }],
      },
    })
    unbind()
    stream.close()
  })

  it('keeps going when a listener throws, and a stopped or closed stream reports nothing more', async () => {
    const reported = vi.fn()
    vi.stubGlobal('reportError', reported)
    const stream = open()
    inspectStream(stream, () => {
      throw new Error('panel bug')
    })
    const first = watch(stream)
    const second = watch(stream)
    await settle()
    hub.connections[0]?.send(connectedFrame('e-1'))
    await settle()
    expect(reported).toHaveBeenCalled()
    expect(first.kinds()).toEqual(['status', 'role', 'status', 'frame'])
    second.stop()
    stream.close()
    hub.connections[0]?.send(eventFrame('e-2', 'invalidate', { resource: 'orders' }))
    await settle()
    expect(first.kinds()).toEqual(['status', 'role', 'status', 'frame', 'status'])
    expect(second.kinds()).toEqual(['status', 'role', 'status', 'frame'])
  })

  it('refuses what is not a stream or a listener with a typed error, and adds nothing visible to the stream', () => {
    const stream = open()
    expect(() => inspectStream({ status: 'open' }, () => {})).toThrow(EventStreamError)
    expect(() => inspectStream(null as never, () => {})).toThrow(/made by createEventStream/)
    expect(() => inspectStream(stream, 'nope' as never)).toThrow(/listener function/)
    expect(Object.keys(stream)).not.toContain('inspector')
    expect(JSON.stringify(Object.getOwnPropertySymbols(stream).length)).toBe('1')
    stream.close()
  })
})

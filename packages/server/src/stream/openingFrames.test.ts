import { describe, expect, it } from 'vitest'
import type { ReplayStore } from '../engine/ReplayStore'
import type { HubEvent } from '../events'
import { openingFrames } from './openingFrames'

const settings = { retryMs: 3000, heartbeatMs: 8000, bufferBytes: 64 * 1024 }

function event(seq: number, partial: Partial<HubEvent> = {}): HubEvent {
  return {
    id: `e-${seq}`,
    type: 'invalidate',
    topics: ['orders'],
    data: `{"n":${seq}}`,
    lane: 'instant',
    publishedAt: Date.now(),
    ...partial,
  }
}

/** A replay store that answers with `events` (or a resync) whatever is asked. */
const storeOf = (answer: { events: HubEvent[] } | { resync: 'epoch' | 'replay-gap' }): ReplayStore => ({
  record() {},
  since: () => answer,
})

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
const request = (resume?: { after: string; instantThrough?: string }) => ({
  connectionId: 'c1',
  topics: ['orders'],
  resume,
  headId: 'e-9',
  matches: () => true,
})

describe('openingFrames', () => {
  it('is connected alone, with the retry field on it, for a first connect', async () => {
    const opening = await openingFrames(request(), storeOf({ events: [] }), settings)
    expect(text(opening.bytes)).toBe(
      'retry: 3000\nid: e-9\nevent: connected\ndata: {"connectionId":"c1","topics":["orders"],"heartbeatMs":8000,"resumed":false}\n\n',
    )
  })

  it('replays what was missed, coalesced, without the instant events the client already had', async () => {
    const events = [
      event(1, { lane: 'batched', type: 'status' }),
      event(2), // written before the client left (it overtook e-1)
      event(3, { lane: 'coalesced', type: 'progress', coalesceKey: 'p' }),
      event(4, { lane: 'coalesced', type: 'progress', coalesceKey: 'p' }),
      event(5), // after the client left
    ]
    const opening = await openingFrames(
      request({ after: 'e-0', instantThrough: 'e-2' }),
      storeOf({ events }),
      settings,
    )
    const ids = [...text(opening.bytes).matchAll(/^id: (.*)$/gm)].map((m) => m[1])
    expect(ids).toEqual(['e-1', 'e-4', 'e-5', 'e-9'])
    expect(opening.replayed).toBe(3)
    expect(text(opening.bytes)).toContain('"resumed":true')
  })

  it('skips no instant event when the token names an id it cannot find (at least once, never a loss)', async () => {
    const opening = await openingFrames(
      request({ after: 'e-0', instantThrough: 'e-404' }),
      storeOf({ events: [event(1), event(2)] }),
      settings,
    )
    expect(opening.replayed).toBe(2)
  })

  it('answers resync instead of a replay that would not fit in bufferBytes', async () => {
    const big = Array.from({ length: 10 }, (_, i) => event(i + 1, { data: JSON.stringify('x'.repeat(1000)) }))
    const opening = await openingFrames(request({ after: 'e-0' }), storeOf({ events: big }), {
      ...settings,
      bufferBytes: 4096,
    })
    expect(opening).toMatchObject({ resync: 'replay-gap', replayed: 0 })
    expect(text(opening.bytes)).toMatch(/^retry: 3000\nevent: resync\ndata: \{"reason":"replay-gap"\}\n\n/)
    expect(text(opening.bytes)).toContain('"resumed":false')
    expect(opening.bytes.byteLength).toBeLessThan(4096)
  })

  it("passes on the store's resync", async () => {
    const opening = await openingFrames(request({ after: 'x' }), storeOf({ resync: 'epoch' }), settings)
    expect(opening.resync).toBe('epoch')
  })
})

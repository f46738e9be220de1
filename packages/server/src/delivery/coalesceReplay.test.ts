import { describe, expect, it } from 'vitest'
import type { HubEvent } from '../events'
import { coalesceReplay } from './coalesceReplay'

let seq = 0
const event = (partial: Partial<HubEvent>): HubEvent => ({
  id: `e-${++seq}`,
  type: 'invalidate',
  topics: ['imports'],
  data: '{}',
  lane: 'instant',
  publishedAt: 0,
  ...partial,
})

describe('coalesceReplay', () => {
  it('keeps every instant and batched event, and the last coalesced value per key', () => {
    const events = [
      event({ lane: 'coalesced', type: 'progress', coalesceKey: 'a' }),
      event({ lane: 'batched', type: 'status' }),
      event({ lane: 'coalesced', type: 'progress', coalesceKey: 'b' }),
      event({ lane: 'coalesced', type: 'progress', coalesceKey: 'a' }),
      event({ type: 'invalidate' }),
      event({ lane: 'coalesced', type: 'signal', topics: ['dashboard'] }),
      event({ lane: 'coalesced', type: 'signal', topics: ['dashboard'] }),
    ]
    expect(coalesceReplay(events).map((e) => e.id)).toEqual([1, 2, 3, 4, 6].map((i) => events[i]!.id))
  })

  it('drops progress that a later complete of its key made stale', () => {
    const events = [
      event({ lane: 'coalesced', type: 'progress', coalesceKey: 'progress:imports.i1' }),
      event({ type: 'complete', supersedes: 'progress:imports.i1' }),
      event({ lane: 'coalesced', type: 'progress', coalesceKey: 'progress:imports.i2' }),
    ]
    expect(coalesceReplay(events).map((e) => e.type)).toEqual(['complete', 'progress'])
  })
})

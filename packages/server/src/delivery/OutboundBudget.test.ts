import { describe, expect, it } from 'vitest'
import type { Lane } from '../events'
import { frameOf } from '../testing/fakeConnection'
import { OutboundBudget } from './OutboundBudget'
import { PendingLanes } from './PendingLanes'

function budgetOf(limitBytes: number) {
  const lanes = new PendingLanes()
  const givenUp: Lane[] = []
  const socket = { backlogBytes: 0, onGivenUp: (lane: Lane) => givenUp.push(lane) }
  const budget = new OutboundBudget(limitBytes, socket, lanes)
  return { budget, lanes, socket, givenUp }
}

describe('OutboundBudget', () => {
  it('counts the socket backlog and the pending lanes against the limit, and only the backlog as utilization', () => {
    const { budget, lanes, socket } = budgetOf(1000)
    const frame = frameOf({ lane: 'batched' })
    lanes.pushBatched(frame)
    socket.backlogBytes = 200
    expect(budget.usedBytes).toBe(200 + frame.bytes.byteLength)
    expect(budget.utilization).toBe(0.2)
    expect(budget.fits(1000 - budget.usedBytes)).toBe(true)
    expect(budget.fits(1001 - budget.usedBytes)).toBe(false)
  })

  it('gives up coalesced values (oldest first, never the one being replaced), then batched frames', () => {
    const { budget, lanes, socket, givenUp } = budgetOf(1000)
    const batched = frameOf({ lane: 'batched' })
    const [a, b] = ['a', 'b'].map((key) => frameOf({ lane: 'coalesced', coalesceKey: key }))
    lanes.pushBatched(batched)
    lanes.setCoalesced('a', a!)
    lanes.setCoalesced('b', b!)
    socket.backlogBytes = 1000 - lanes.bytes
    expect(budget.makeRoom(1, 'a')).toBe(true)
    expect(givenUp).toEqual(['coalesced'])
    expect(lanes.coalescedBytes('a')).toBeGreaterThan(0) // kept: it is the one being replaced
    // More than can be freed: everything but the kept value goes, and it still does not fit.
    expect(budget.makeRoom(lanes.bytes + 1, 'a')).toBe(false)
    expect(givenUp).toEqual(['coalesced', 'batched'])
    expect(lanes.size).toBe(1)
  })
})

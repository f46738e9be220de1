import { describe, expect, it } from 'vitest'
import { ResumeCursor } from './ResumeCursor'

describe('ResumeCursor', () => {
  it('gives an instant frame its own id while nothing older is pending, and moves with it', () => {
    const cursor = new ResumeCursor('e-0')
    cursor.routed('e-1')
    expect(cursor.instantFrameId('e-1', false)).toBe('e-1')
    expect(cursor.written).toBe('e-1')
    expect(cursor.flushed()).toBeUndefined() // nothing routed since: the client already holds e-1
  })

  it('gives an overtaking frame a two-part token and keeps the resume point before what is pending', () => {
    const cursor = new ResumeCursor('e-0')
    cursor.routed('e-1') // a batched frame, pending
    cursor.routed('e-2')
    expect(cursor.instantFrameId('e-2', true)).toBe('e-0~e-2')
    cursor.routed('e-3')
    expect(cursor.instantFrameId('e-3', true)).toBe('e-0~e-3')
    expect(cursor.written).toBe('e-0')
    // The flush writes e-1; its cursor frame moves the client past all of it.
    expect(cursor.flushed()).toBe('e-3')
    expect(cursor.written).toBe('e-3')
    expect(cursor.flushed()).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { entryContinuity, headContinuity } from './logContinuity'

describe('entryContinuity', () => {
  const at = { epoch: 'e1', seq: 7 }

  it('takes the next sequence number of the same log', () => {
    expect(entryContinuity(at, { epoch: 'e1', seq: 8 })).toBe('next')
    // A reader that started on an empty store adopts the first epoch it sees.
    expect(entryContinuity({ epoch: undefined, seq: 0 }, { epoch: 'e9', seq: 1 })).toBe('next')
  })

  it('calls entries that are gone a replay-gap', () => {
    expect(entryContinuity(at, { epoch: 'e1', seq: 9 })).toBe('replay-gap')
    expect(entryContinuity({ epoch: undefined, seq: 0 }, { epoch: 'e9', seq: 5 })).toBe('replay-gap')
  })

  it('calls another log, or a sequence that went backwards, an epoch', () => {
    expect(entryContinuity(at, { epoch: 'e2', seq: 8 })).toBe('epoch')
    expect(entryContinuity(at, { epoch: 'e1', seq: 7 })).toBe('epoch')
    expect(entryContinuity(at, { epoch: 'e1', seq: 1 })).toBe('epoch')
  })
})

describe('headContinuity', () => {
  it('accepts a head at or ahead of the position', () => {
    expect(headContinuity({ epoch: 'e1', seq: 7 }, { epoch: 'e1', seq: 7 })).toBe('same')
    expect(headContinuity({ epoch: 'e1', seq: 7 }, { epoch: 'e1', seq: 700 })).toBe('same')
    expect(headContinuity({ epoch: undefined, seq: 0 }, { epoch: 'e1', seq: 3 })).toBe('same')
  })

  it('sees a store that lost the log, replaced it, or went back', () => {
    expect(headContinuity({ epoch: 'e1', seq: 7 }, { epoch: undefined, seq: 0 })).toBe('epoch')
    expect(headContinuity({ epoch: 'e1', seq: 7 }, { epoch: 'e2', seq: 70 })).toBe('epoch')
    expect(headContinuity({ epoch: 'e1', seq: 7 }, { epoch: 'e1', seq: 6 })).toBe('epoch')
  })
})

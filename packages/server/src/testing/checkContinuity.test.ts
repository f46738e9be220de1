import { describe, expect, it } from 'vitest'
import { checkContinuity } from './checkContinuity'

const published = ['a', 'b', 'c', 'd', 'e']

describe('checkContinuity', () => {
  it('accepts every event once, in order', () => {
    expect(
      checkContinuity(
        published,
        published.map((id) => ({ id })),
      ),
    ).toEqual([])
  })

  it('accepts missing events covered by a gap between their neighbours', () => {
    const log = [{ id: 'a' }, { gap: 'replay-gap' as const }, { id: 'd' }, { id: 'e' }]
    expect(checkContinuity(published, log)).toEqual([])
    // Missing at the end, with a gap after the last arrival.
    expect(checkContinuity(published, [{ id: 'a' }, { gap: 'epoch' }])).toEqual([])
    // Missing at the start, with a gap before the first arrival.
    expect(checkContinuity(published, [{ gap: 'epoch' }, { id: 'c' }, { id: 'd' }, { id: 'e' }])).toEqual([])
  })

  it('calls a loss silent when the gap came too early or too late', () => {
    expect(
      checkContinuity(published, [{ id: 'a' }, { id: 'd' }, { gap: 'replay-gap' }, { id: 'e' }]),
    ).toEqual(['2 event(s) lost without a gap, the first b'])
    expect(
      checkContinuity(published, [{ gap: 'replay-gap' }, { id: 'a' }, { id: 'c' }, { id: 'd' }, { id: 'e' }]),
    ).toEqual(['1 event(s) lost without a gap, the first b'])
    expect(checkContinuity(published, [{ id: 'a' }, { id: 'b' }])).toEqual([
      '3 event(s) lost without a gap, the first c',
    ])
  })

  it('reports duplicates, reordering and strangers', () => {
    const log = [{ id: 'a' }, { id: 'c' }, { id: 'b' }, { id: 'c' }, { id: 'zz' }, { id: 'd' }, { id: 'e' }]
    expect(checkContinuity(published, log)).toEqual([
      'b arrived after c, out of order',
      'c arrived twice',
      'zz was never published',
    ])
    expect(
      checkContinuity(
        published,
        [...published, 'e'].map((id) => ({ id })),
        { allowDuplicates: true },
      ),
    ).toEqual([])
  })
})

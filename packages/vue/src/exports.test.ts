import { describe, expect, it } from 'vitest'

// The runtime surface: a new export is a deliberate change, made here and in a changeset.
describe('public exports', () => {
  it('@ssehub/vue', async () => {
    expect(Object.keys(await import('./index')).sort()).toEqual([
      'EventStreamPlugin',
      'useEventStream',
      'useInvalidationStream',
      'useProgress',
      'useStreamListener',
      'useStreamStatus',
    ])
  })
})

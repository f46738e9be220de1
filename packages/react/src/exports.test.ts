import { describe, expect, it } from 'vitest'

// The runtime surface of each entry: a new export is a deliberate change, made here and in a changeset.
// Both entries export the same names: the entry picks the cache (TanStack Query or SWR).
const hooks = [
  'EventStreamProvider',
  'useEventStream',
  'useInvalidationStream',
  'useProgress',
  'useStreamListener',
  'useStreamStatus',
]

describe('public exports', () => {
  it('@ssehub/react', async () => {
    expect(Object.keys(await import('./index')).sort()).toEqual(hooks)
  })

  it('@ssehub/react/swr', async () => {
    expect(Object.keys(await import('./swr/index')).sort()).toEqual(hooks)
  })
})

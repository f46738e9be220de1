import { describe, expect, it } from 'vitest'

// The runtime surface of each entry: a new export is a deliberate change, made here and in a changeset.
describe('public exports', () => {
  it('@ssehub/client', async () => {
    expect(Object.keys(await import('./index')).sort()).toEqual([
      'EventStreamError',
      'acquireEventStream',
      'createEventStream',
      'fetchTicket',
      'inspectStream',
      'sharedStreamKey',
      'trackProgress',
    ])
  })

  it('@ssehub/client/query', async () => {
    expect(Object.keys(await import('./query/index')).sort()).toEqual([
      'STORM_GUARD_DEFAULTS',
      'bindQueryClient',
      'byResource',
      'listPatch',
      'mergeHint',
      'removeById',
      'resourcePatch',
      'upsertById',
    ])
  })

  it('@ssehub/client/swr', async () => {
    expect(Object.keys(await import('./swr/index')).sort()).toEqual([
      'STORM_GUARD_DEFAULTS',
      'bindSWR',
      'listPatch',
      'matchesResource',
      'mergeHint',
      'removeById',
      'resourcePatch',
      'upsertById',
    ])
  })
})

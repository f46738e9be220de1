import { describe, expect, it } from 'vitest'

// The runtime surface of each entry: a new export is a deliberate change, made here and in a changeset.
describe('public exports', () => {
  it('@ssehub/devtools', async () => {
    expect(Object.keys(await import('./index')).sort()).toEqual([
      'createPanelStore',
      'mountStreamPanel',
      'streamDevtoolsPlugin',
    ])
  })

  it('@ssehub/devtools/react', async () => {
    expect(Object.keys(await import('./react/index')).sort()).toEqual([
      'StreamDevtoolsPanel',
      'streamDevtoolsReactPlugin',
    ])
  })
})

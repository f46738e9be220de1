import { describe, expect, it } from 'vitest'

/**
 * The runtime names of each entry of the `exports` map: the public API. A new or removed export changes
 * these snapshots, so it is a deliberate change (with a changeset), never an accident of a barrel.
 */
describe('public exports', () => {
  it.each([
    ['@ssehub/server', () => import('./index')],
    ['@ssehub/server/engine', () => import('./engine/index')],
    ['@ssehub/server/testing', () => import('./testing/index')],
  ])('%s', async (_entry, load) => {
    expect(Object.keys(await load()).sort()).toMatchSnapshot()
  })
})

import * as nodeServer from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { runMatrix } from './faultMatrix'
import { type NodeServerModule, nodeServerHarness } from './nodeServerHarness'

const harness = nodeServerHarness(nodeServer as unknown as NodeServerModule, '@hono/node-server (Node 20)')

describe.each([
  ['direct writes', true],
  ['web stream', false],
])('every await point × every fault, on @hono/node-server (%s)', (_name, directWrite) => {
  it('leaves nothing behind, answers precisely, and never refuses a live client for a ghost', async () => {
    const restore = harness.captureConsole()
    try {
      const results = await runMatrix({ ...harness, writesHeadItself: directWrite }, directWrite)
      expect(results.filter((result) => result.violations.length > 0)).toEqual([])
      expect(results.length).toBeGreaterThanOrEqual(directWrite ? 32 : 30)
    } finally {
      restore()
    }
  }, 240_000)
})

import { fileURLToPath } from 'node:url'
import * as nodeServer from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { hasRuntime, runtimes } from '../../../../testing/runtimes'
import { type NodeServerModule, nodeServerHarness } from '../faults/nodeServerHarness'
import { runChild } from './runChild'
import { runSuite, SCENARIO_COUNT, type ScenarioResult } from './runtimeSuite'

/**
 * The runtime suite on every runtime the hub claims: here on Node 20 (`@hono/node-server`, both write
 * paths), and as child processes on Bun (`Bun.serve`) and Deno (`Deno.serve`), each printing one JSON line.
 */
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const node = nodeServerHarness(nodeServer as unknown as NodeServerModule, `node-${process.version}`)

const failed = (results: ScenarioResult[]) => results.filter((result) => result.violations.length > 0)

describe('the runtime suite', () => {
  it('on Node 20, direct write path', async () => {
    const results = await runSuite(node, true)
    expect(failed(results)).toEqual([])
    expect(results).toHaveLength(SCENARIO_COUNT)
  }, 120_000)

  it('on Node 20, web-stream path', async () => {
    const results = await runSuite(node, false)
    expect(failed(results)).toEqual([])
    expect(results).toHaveLength(SCENARIO_COUNT)
  }, 120_000)

  it.skipIf(!hasRuntime('bun'))(
    'on Bun (Bun.serve)',
    async () => {
      const { results } = await runChild<{ results: ScenarioResult[] }>(runtimes.bun, [here('./runOnBun.ts')])
      expect(failed(results)).toEqual([])
      expect(results).toHaveLength(SCENARIO_COUNT)
    },
    120_000,
  )

  it.skipIf(!hasRuntime('deno'))(
    'on Deno (Deno.serve)',
    async () => {
      const { results } = await runChild<{ results: ScenarioResult[] }>(runtimes.deno, [
        'run',
        '--allow-all',
        // The suite imports TypeScript without extensions, as the rest of the repo does.
        '--unstable-sloppy-imports',
        here('./runOnDeno.ts'),
      ])
      expect(failed(results)).toEqual([])
      expect(results).toHaveLength(SCENARIO_COUNT)
    },
    120_000,
  )
})

import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hasRuntime, runtimes } from '../../../../testing/runtimes'
import { runChild } from '../runtimes/runChild'
import type { CellResult } from './faultMatrix'

/**
 * The fault matrix where `faultMatrix.test.ts` (Node 20, the latest adapter, in vitest) does not reach:
 * Bun's and Deno's own servers, Node 22 and 24, and the lowest `@hono/node-server` of the peer range. Each run is a
 * child process that prints its results as one JSON line.
 */
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

const RUNS = [
  { name: 'Bun (Bun.serve, web stream)', runtime: 'bun', args: [here('./faultMatrix.bun.ts')], cells: 30 },
  {
    name: 'Deno (Deno.serve, web stream)',
    runtime: 'deno',
    args: ['run', '--allow-all', '--unstable-sloppy-imports', here('./faultMatrix.deno.ts')],
    cells: 30,
  },
  {
    name: 'Node 24, latest adapter',
    runtime: 'node24',
    args: ['--import', 'tsx', here('./faultMatrix.node.ts'), 'latest'],
    cells: 62,
  },
  {
    name: 'Node 22, latest adapter',
    runtime: 'node22',
    args: ['--import', 'tsx', here('./faultMatrix.node.ts'), 'latest'],
    cells: 62,
  },
  {
    name: 'Node 20, lowest adapter (1.14.1)',
    runtime: 'node20',
    args: ['--import', 'tsx', here('./faultMatrix.node.ts'), 'lowest'],
    cells: 62,
  },
] as const

const binaryOf = (runtime: (typeof RUNS)[number]['runtime']) =>
  runtime === 'node20' ? process.execPath : runtimes[runtime]
const available = (runtime: (typeof RUNS)[number]['runtime']) => runtime === 'node20' || hasRuntime(runtime)

describe.each(RUNS)('every await point × every fault, on $name', ({ runtime, args, cells }) => {
  it.skipIf(!available(runtime))(
    'leaves nothing behind, answers precisely, and never refuses a live client for a ghost',
    async () => {
      const { results } = await runChild<{ results: CellResult[] }>(binaryOf(runtime), args)
      expect(results.filter((result) => result.violations.length > 0)).toEqual([])
      expect(results.length).toBeGreaterThanOrEqual(cells)
    },
    300_000,
  )
})

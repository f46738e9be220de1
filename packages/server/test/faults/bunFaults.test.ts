import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hasRuntime, runtimes } from '../../../../testing/runtimes'
import type { CellResult } from './faultMatrix'

const script = fileURLToPath(new URL('./faultMatrix.bun.ts', import.meta.url))

function runOnBun(): Promise<{ runtime: string; results: CellResult[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(runtimes.bun, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"runtime"'))
      if (code === 0 && line) resolve(JSON.parse(line))
      else reject(new Error(`bun exited ${code}: ${out.slice(-2000)}`))
    })
  })
}

describe('every await point × every fault, on Bun (Bun.serve, web stream)', () => {
  it.skipIf(!hasRuntime('bun'))(
    'leaves nothing behind, answers precisely, and never refuses a live client for a ghost',
    async () => {
      const { runtime, results } = await runOnBun()
      expect(runtime).toMatch(/^bun-1\./)
      expect(results.filter((result) => result.violations.length > 0)).toEqual([])
      expect(results.length).toBeGreaterThanOrEqual(30)
    },
    240_000,
  )
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

export const JWT_SECRET = 'workerd-test-secret-of-at-least-32-bytes'

/** Bundles a Worker from source, as wrangler would (ESM, workerd conditions). */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@ssehub/source', 'workerd', 'worker', 'browser', 'import'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

/** What to run: a Worker's entry, its Durable Object classes (SQLite-backed) and its variables. */
export interface WorkerdOptions {
  entry: string
  durableObjects: Record<string, string>
  bindings: Record<string, string>
}

/** The test Worker (`test/worker/testWorker.ts`). */
const TEST_WORKER: WorkerdOptions = {
  entry: fileURLToPath(new URL('./worker/testWorker.ts', import.meta.url)),
  durableObjects: { HUB: 'TestHub', TENANT_HUB: 'TenantHub', CONFORMANCE: 'ConformanceObject' },
  bindings: { JWT_SECRET },
}

/** workerd (through Miniflare) running a Worker, its objects' storage in a temporary directory. */
export async function startWorkerd({ entry, durableObjects, bindings }: WorkerdOptions = TEST_WORKER) {
  const script = await bundle(entry)
  const runtimeLog: string[] = []
  const persist = mkdtempSync(join(tmpdir(), 'ssehub-workerd-'))
  const options = {
    // Listed rather than walked: Miniflare's walker refuses the optional peer's dynamic import.
    modules: [{ type: 'ESModule' as const, path: 'worker.js', contents: script }],
    compatibilityDate: '2026-04-01',
    bindings,
    durableObjects: Object.fromEntries(
      Object.entries(durableObjects).map(([binding, className]) => [binding, { className, useSQLite: true }]),
    ),
    durableObjectsPersist: persist,
    // workerd prints the stack of every reset it is asked for; kept for a failure's message, not the log.
    handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
      const keep = (chunk: Buffer | string) => {
        runtimeLog.push(String(chunk))
        if (runtimeLog.length > 200) runtimeLog.shift()
      }
      stdout.on('data', keep)
      stderr.on('data', keep)
    },
  }
  let mf = new Miniflare(options)
  let url = (await mf.ready).toString().replace(/\/$/, '')
  return {
    /** The last lines workerd printed. */
    runtimeLog: () => runtimeLog.join(''),
    get url() {
      return url
    },
    /** Restarts workerd itself: every object is evicted; storage stays. */
    async restart() {
      await mf.dispose()
      mf = new Miniflare(options)
      url = (await mf.ready).toString().replace(/\/$/, '')
    },
    async dispose() {
      await mf.dispose()
      rmSync(persist, { recursive: true, force: true })
    },
  }
}

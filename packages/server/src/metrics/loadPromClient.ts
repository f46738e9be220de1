import type { PromClient } from './PromClient'

/**
 * Held in a variable so that bundlers (wrangler, `bun build`, esbuild) leave the optional peer to run
 * time: a literal `import('prom-client')` fails the build of a Worker, both where prom-client is missing
 * and where it is installed (it needs `cluster`, `v8`, …). `metrics: false` never loads it.
 */
const PROM_CLIENT = 'prom-client'

/**
 * Loads `prom-client`, an optional peer dependency: resolves to `undefined` when it is not installed, so
 * the hub runs without it and only the metrics endpoint says what is missing. Any other failure (a broken
 * install) is thrown.
 */
export async function loadPromClient(
  importer: () => Promise<unknown> = () => import(/* @vite-ignore */ PROM_CLIENT),
): Promise<PromClient | undefined> {
  let loaded: unknown
  try {
    loaded = await importer()
  } catch (error) {
    if (isPromClientMissing(error)) return undefined
    throw error
  }
  // prom-client is CommonJS: some loaders give its exports directly, others only under `default`.
  const module = loaded as PromClient & { default?: PromClient }
  return typeof module.Counter === 'function' ? module : module.default
}

function isPromClientMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
  // Only prom-client itself missing counts; a missing dependency of prom-client is a broken install.
  return notFound && typeof message === 'string' && /['"]prom-client['"]/.test(message)
}

import { build } from 'vite'

/**
 * Bundles `src/index.ts` into one ES module for a test page, in memory, with vite's build API: the page
 * runs exactly the source under test.
 */
export async function bundleClient(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: new URL('../..', import.meta.url).pathname,
    resolve: { conditions: ['@ssehub/source', 'browser', 'module'] },
    build: {
      write: false,
      minify: false,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'client' },
    },
  })
  const outputs = Array.isArray(result) ? result : [result]
  for (const output of outputs) {
    if (!('output' in output)) continue
    const entry = output.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry)
    if (entry?.type === 'chunk') return entry.code
  }
  throw new Error('vite produced no entry chunk for the client bundle')
}

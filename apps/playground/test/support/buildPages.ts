import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

/**
 * Builds the React and Vue pages once, with the app's own vite.config.ts, into a temporary folder (so a
 * running `pnpm start` keeps its dist/web). Returns that folder, for `createPlayground`'s `pagesDir`.
 */
export async function buildPages(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'ssehub-playground-'))
  // vitest sets NODE_ENV=test, which would make this a development build; test what `pnpm start` serves.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

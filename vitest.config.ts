import { defineConfig } from 'vitest/config'

// `pnpm vitest` at the root runs every package's project in one process, for local work.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*'] },
})

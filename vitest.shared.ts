import { basename } from 'node:path'
import { defaultServerConditions } from 'vite'
import { defineProject, type ViteUserConfig } from 'vitest/config'

/**
 * The vitest settings every package shares: workspace packages resolve from source through the
 * `@ssehub/source` export condition, and each run leaves a JSON report that `scripts/test-summary.mjs`
 * adds up into the one `N passed, N failed` line CI reads.
 */
export function packageTestConfig(dirname: string, overrides: ViteUserConfig['test'] = {}) {
  const name = typeof overrides.name === 'string' ? overrides.name : basename(dirname)
  return defineProject({
    resolve: { conditions: ['@ssehub/source', 'module', 'browser', 'development|production'] },
    ssr: { resolve: { conditions: ['@ssehub/source', ...defaultServerConditions] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
      reporters: ['default', ['json', { outputFile: `${dirname}/../../.test-results/${name}.json` }]],
      // Real sockets on a shared 2-core machine: a budget, never a speed assertion (those are benchmarks).
      testTimeout: 20_000,
      ...overrides,
    },
  })
}

import { packageTestConfig } from '../../vitest.shared.ts'

// `vitest bench` for `bench/*.bench.ts`, resolving workspace packages from source like the tests do.
// The default reporter only: the shared JSON test report (`.test-results/`) must not be overwritten by a bench run.
export default packageTestConfig(import.meta.dirname, {
  name: 'server-bench',
  reporters: ['default'],
  benchmark: { include: ['bench/**/*.bench.ts'] },
})

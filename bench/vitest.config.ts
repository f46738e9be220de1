import { packageTestConfig } from '../vitest.shared'

// bench/ sits one level below the root, not two like packages/*: its report goes to the same folder.
export default packageTestConfig(import.meta.dirname, {
  reporters: ['default', ['json', { outputFile: `${import.meta.dirname}/../.test-results/bench.json` }]],
  include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
})

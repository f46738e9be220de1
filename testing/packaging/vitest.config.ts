import { packageTestConfig } from '../../vitest.shared.ts'

// One file at a time: each installs a project with npm and runs tsc over every declaration file in it.
export default packageTestConfig(import.meta.dirname, {
  name: 'packaging',
  include: ['test/**/*.test.ts'],
  globalSetup: ['src/globalSetup.ts'],
  fileParallelism: false,
  testTimeout: 180_000,
  hookTimeout: 600_000,
})

import { packageTestConfig } from '../../vitest.shared.ts'

export default packageTestConfig(import.meta.dirname, {
  // The pages' framework-free helpers are tested beside them, in web/shared.
  include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/shared/**/*.test.ts'],
})

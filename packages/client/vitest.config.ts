import { packageTestConfig } from '../../vitest.shared'

export default packageTestConfig(import.meta.dirname, {
  typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
})

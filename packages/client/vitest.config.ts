import { packageTestConfig } from '../../vitest.shared.ts'

export default packageTestConfig(import.meta.dirname, {
  // Type tests see only this package's src, so a sibling package mid-change cannot fail them.
  typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.test-d.json' },
})

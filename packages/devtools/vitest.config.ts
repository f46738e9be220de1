import { packageTestConfig } from '../../vitest.shared.ts'

export default packageTestConfig(import.meta.dirname, {
  environment: 'happy-dom',
  typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'src/**/*.test-d.tsx'] },
})

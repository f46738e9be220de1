import { packageTestConfig } from '../../vitest.shared.ts'

export default packageTestConfig(import.meta.dirname, { name: 'cloudflare-worker', testTimeout: 60_000 })

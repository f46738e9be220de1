import { packageTestConfig } from '../../vitest.shared.ts'

// Each integration file starts its own redis-server; one file at a time keeps two cores from being
// shared between a Redis, several hubs and hundreds of clients.
export default packageTestConfig(import.meta.dirname, { testTimeout: 60_000, fileParallelism: false })

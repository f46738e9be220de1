import { packageTestConfig } from '../../vitest.shared.ts'

// One test file at a time: the reliability suite holds thousands of sockets and a 2-minute soak, and the
// integration tests check "gone within a second" — on 2 cores they must not fight each other for the CPU.
export default packageTestConfig(import.meta.dirname, { fileParallelism: false })

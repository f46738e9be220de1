import { packageTestConfig } from '../../vitest.shared.ts'

// One build at a time: each is a whole VitePress build.
export default packageTestConfig(import.meta.dirname, { name: 'docs', fileParallelism: false })

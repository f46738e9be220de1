/** The runtime suite on Bun; prints one JSON line. Run by `runtimeSuite.test.ts`. */
import { bunServer } from './bunServer'
import { runSuite } from './runtimeSuite'

console.log(JSON.stringify({ runtime: bunServer.name, results: await runSuite(bunServer) }))

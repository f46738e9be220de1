/** The runtime suite on Deno; prints one JSON line. Run by `runtimeSuite.test.ts`. */
import { denoServer } from './denoServer'
import { runSuite } from './runtimeSuite'

console.log(JSON.stringify({ runtime: denoServer.name, results: await runSuite(denoServer) }))

/**
 * The fault-injection matrix on Deno (`Deno.serve`, the web-stream path). Run by `runtimeFaults.test.ts`:
 * prints the results as one JSON line.
 */
import { denoServer } from '../runtimes/denoServer'
import { type Harness, runMatrix } from './faultMatrix'

const harness: Harness = { ...denoServer, writesHeadItself: false, adapterLog: () => [] }

const results = await runMatrix(harness, false)
console.log(JSON.stringify({ runtime: harness.name, results }))

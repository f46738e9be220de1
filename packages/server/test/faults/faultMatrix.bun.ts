/**
 * The fault-injection matrix on Bun (`Bun.serve`, the web-stream path). Run by `runtimeFaults.test.ts`:
 * prints the results as one JSON line.
 */
import { bunServer } from '../runtimes/bunServer'
import { type Harness, runMatrix } from './faultMatrix'

const harness: Harness = { ...bunServer, writesHeadItself: false, adapterLog: () => [] }

const results = await runMatrix(harness, false)
console.log(JSON.stringify({ runtime: harness.name, results }))

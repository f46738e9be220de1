/**
 * The fault-injection matrix on whatever Node runs this file, with the `@hono/node-server` named by the
 * first argument: `latest`, or `lowest` (the oldest version in the peer range). Both write paths. Run by
 * `runtimeFaults.test.ts` on Node 22 and 24 and with the lowest adapter; prints one JSON line.
 */
import { readFileSync } from 'node:fs'
import { runMatrix } from './faultMatrix'
import { type NodeServerModule, nodeServerHarness } from './nodeServerHarness'

const name = process.argv[2] === 'lowest' ? '@hono/node-server-lowest' : '@hono/node-server'
const adapter = (await import(name)) as NodeServerModule
const manifest = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }

const harness = nodeServerHarness(adapter, `node-${process.version} @hono/node-server@${version}`)
const restore = harness.captureConsole()
const results = [
  ...(await runMatrix(harness, true)),
  ...(await runMatrix({ ...harness, writesHeadItself: false }, false)),
]
restore()
console.log(JSON.stringify({ runtime: harness.name, results }))

// Runs without any server adapter: the client's fetch goes straight to the Hono app. The metrics endpoint
// answers 200 with prom-client installed and 501 without; the expected status is the first argument.
import { countingReplay, refusesBadOptions } from './engine.js'
import { createApp } from './hub.js'
import { receiveOneInvalidation } from './live.js'

if (!refusesBadOptions()) throw new Error('@ssehub/server/engine: HubError is not one class across entries')
const replay = countingReplay()
const { app, hub } = createApp({ replay })
const viaApp: typeof fetch = async (input, init) =>
  app.request(input instanceof Request ? input : String(input), init)
await receiveOneInvalidation(hub, 'http://hub.test/events', viaApp)
const metrics = await app.request('/metrics')
const expected = Number(process.argv[2])
if (metrics.status !== expected) throw new Error(`/metrics answered ${metrics.status}, expected ${expected}`)
if (expected === 200 && !(await metrics.text()).includes('ssehub_connections'))
  throw new Error('/metrics has no ssehub_connections')
if (replay.recorded() !== 1)
  throw new Error(`the engine entry's replay recorded ${replay.recorded()} events, not 1`)
await hub.close()
console.log('in-process: ok')

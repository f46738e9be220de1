/**
 * The fault-injection matrix on Bun (`Bun.serve`, the web-stream path). Run by `bunFaults.test.ts`:
 * prints the results as one JSON line.
 */
import type { Hono } from 'hono'
import { type Harness, runMatrix } from './faultMatrix'

declare const Bun: {
  version: string
  serve(options: { port: number; hostname: string; fetch: Hono['fetch']; idleTimeout: number }): {
    port: number
    stop(closeActive?: boolean): Promise<void> | void
  }
}

const log: string[] = []
const harness: Harness = {
  name: `bun-${Bun.version}`,
  writesHeadItself: false,
  adapterLog: () => log,
  async serve(app) {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, idleTimeout: 30 })
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) }
  },
}

const results = await runMatrix(harness, false)
console.log(JSON.stringify({ runtime: harness.name, results }))

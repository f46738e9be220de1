import type { Hono } from 'hono'
import type { RuntimeServer } from './runtimeSuite'

declare const Bun: {
  version: string
  serve(options: { port: number; hostname: string; fetch: Hono['fetch']; idleTimeout: number }): {
    port: number
    stop(closeActive?: boolean): Promise<void> | void
  }
}

/** `Bun.serve` on 127.0.0.1: the web-stream path. */
export const bunServer: RuntimeServer = {
  name: `bun-${Bun.version}`,
  async serve(app) {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, idleTimeout: 30 })
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) }
  },
}

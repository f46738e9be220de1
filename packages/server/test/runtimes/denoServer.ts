import type { Hono } from 'hono'
import type { RuntimeServer } from './runtimeSuite'

declare const Deno: {
  version: { deno: string }
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: Hono['fetch'],
  ): { addr: { port: number }; shutdown(): Promise<void> }
}

/** `Deno.serve` on 127.0.0.1: the web-stream path. */
export const denoServer: RuntimeServer = {
  name: `deno-${Deno.version.deno}`,
  async serve(app) {
    const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, app.fetch)
    return {
      url: `http://127.0.0.1:${server.addr.port}`,
      close: () => server.shutdown(),
    }
  },
}

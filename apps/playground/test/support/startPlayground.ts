import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { HubOptions } from '@ssehub/server'
import { createPlayground, type PlaygroundOptions } from '../../src/app'
import type { OrderStore, Orders } from '../../src/orders'

/**
 * Serves the playground on 127.0.0.1 (port 0 picks a free one) with `@hono/node-server`, as
 * src/server.ts does. Pass the `store` and `port` of a stopped one to play a restart.
 */
export async function startPlayground<Store extends Orders = OrderStore>({
  port = 0,
  hubOptions = {},
  ...options
}: PlaygroundOptions<Store> & { port?: number; hubOptions?: HubOptions } = {}) {
  const playground = createPlayground<Store>(hubOptions, options)
  const server = serve({ fetch: playground.app.fetch, port, hostname: '127.0.0.1' }) as Server
  if (!server.listening) await once(server, 'listening')
  const address = server.address() as AddressInfo
  return {
    ...playground,
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    /** Closes every stream and socket at once, as a crash or a kill does. */
    async stop() {
      await playground.hub.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type RunningPlayground<Store extends Orders = OrderStore> = Awaited<
  ReturnType<typeof startPlayground<Store>>
>

/** Signs in as `tenant` and returns a fetch for the API with that token. */
export async function signedIn(url: string, tenant: string) {
  const response = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant }),
  })
  const { token } = (await response.json()) as { token: string }
  return {
    token,
    api: (path: string, init: { method?: string; body?: unknown } = {}) =>
      fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  }
}

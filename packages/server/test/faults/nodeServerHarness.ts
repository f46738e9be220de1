import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import type { Harness } from './faultMatrix'

/** The part of `@hono/node-server` a harness needs: every version in the peer range has it. */
export interface NodeServerModule {
  serve(options: { fetch: Hono['fetch']; port: number; hostname: string }): import('node:http').Server
}

/**
 * `@hono/node-server` (the version `adapter` is) on 127.0.0.1:0. What the adapter logs — it reports a
 * response it cannot send with `console.error` — is kept while `captureConsole()` is in effect.
 */
export function nodeServerHarness(
  adapter: NodeServerModule,
  name: string,
): Harness & { captureConsole(): () => void } {
  const log: string[] = []
  return {
    name,
    writesHeadItself: true,
    adapterLog: () => log,
    captureConsole() {
      const original = console.error
      console.error = (...args: unknown[]) => {
        log.push(
          args
            .map((arg) =>
              arg instanceof Error ? `${arg.message} ${(arg as { code?: string }).code}` : String(arg),
            )
            .join(' '),
        )
      }
      return () => {
        console.error = original
      }
    },
    async serve(app) {
      const server = adapter.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
      await new Promise<void>((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections()
            server.close(() => resolve())
          }),
      }
    },
  }
}

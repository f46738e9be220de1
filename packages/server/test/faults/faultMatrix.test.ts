import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, runMatrix } from './faultMatrix'

/** `@hono/node-server` on 127.0.0.1:0; what the adapter logs (it reports errors with console.error) is kept. */
function nodeServerHarness(): Harness {
  const log: string[] = []
  return {
    name: '@hono/node-server',
    writesHeadItself: true,
    adapterLog: () => log,
    async serve(app) {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
      await new Promise<void>((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            ;(server as unknown as { closeAllConnections(): void }).closeAllConnections()
            server.close(() => resolve())
          }),
      }
    },
  }
}

const harness = nodeServerHarness()
const consoleError = console.error
beforeAll(() => {
  console.error = (...args: unknown[]) => {
    harness
      .adapterLog()
      .push(
        args
          .map((arg) =>
            arg instanceof Error ? `${arg.message} ${(arg as { code?: string }).code}` : String(arg),
          )
          .join(' '),
      )
  }
})
afterAll(() => {
  console.error = consoleError
})

describe.each([
  ['direct writes', true],
  ['web stream', false],
])('every await point × every fault, on @hono/node-server (%s)', (_name, directWrite) => {
  it('leaves nothing behind, answers precisely, and never refuses a live client for a ghost', async () => {
    const pathHarness = { ...harness, writesHeadItself: directWrite }
    const results = await runMatrix(pathHarness, directWrite)
    const failed = results.filter((result) => result.violations.length > 0)
    expect(failed).toEqual([])
    expect(results.length).toBeGreaterThanOrEqual(directWrite ? 32 : 30)
  }, 240_000)
})

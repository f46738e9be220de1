import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itKeepsOrdersLive } from '../../../testing/liveOrdersChecks'
import { type StartedServer, startServer } from '../../../testing/startServer'

const root = join(import.meta.dirname, '..')
let server: StartedServer
let origin: string

/** A port nothing listens on now (next start takes a port, not 0). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

beforeAll(async () => {
  // `next start` over the output of `next build` (the test script builds first), offline: no telemetry.
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  server = await startServer(
    join(root, 'node_modules/.bin/next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      listening: /Ready in/,
    },
  )
})
afterAll(() => server?.stop())

describe('the Next.js App Router example', () => {
  it('renders the page with the provider from the root layout', async () => {
    const response = await fetch(origin)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1>Orders</h1>')
  })

  itKeepsOrdersLive(() => origin, { events: '/api/events', orders: '/api/orders' })
})

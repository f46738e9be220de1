import { createServer } from 'node:net'
import { join } from 'node:path'
import { createEventStream } from '@ssehub/client'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions, chromiumPath, hasChromium } from '../../../testing/chromium'
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

const createOrder = () =>
  fetch(`${origin}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: 'Grace', total: 7 }),
  })

describe('the Next.js App Router example', () => {
  it('renders the page with the provider from the root layout', async () => {
    const response = await fetch(origin)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1>Orders</h1>')
  })

  it('streams from the route handler: a client on /api/events hears an order being created', async () => {
    const stream = createEventStream({ url: `${origin}/api/events`, topics: ['orders'] })
    try {
      await new Promise<void>((resolve) => stream.subscribe((status) => status === 'open' && resolve()))
      const received = new Promise((resolve) => stream.on('invalidate', resolve))
      const order = (await (await createOrder()).json()) as { id: string }
      expect(await received).toEqual({ resource: 'orders', id: order.id, action: 'created' })
    } finally {
      stream.close()
    }
  })

  it.skipIf(!hasChromium)(
    `refetches the list in the page when an order is created (${chromiumPath})`,
    async () => {
      const browser = await chromium.launch(chromiumLaunchOptions)
      try {
        const page = await browser.newPage()
        await page.goto(origin)
        await page.getByTestId('status').filter({ hasText: 'open' }).waitFor()
        const before = await page.getByTestId('order').count()
        await createOrder() // from outside the page: only the invalidation can make it refetch
        await page.getByTestId('order').nth(before).waitFor()
        expect(await page.getByTestId('order').count()).toBe(before + 1)
      } finally {
        await browser.close()
      }
    },
  )
})

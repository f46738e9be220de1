import { join } from 'node:path'
import { createEventStream } from '@ssehub/client'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions, chromiumPath, hasChromium } from '../../../testing/chromium'
import { type StartedServer, startServer } from '../../../testing/startServer'

const root = join(import.meta.dirname, '..')
let server: StartedServer

beforeAll(async () => {
  // The production server over the page `vite build` wrote to dist/ (the test script builds it first).
  server = await startServer(join(root, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' },
    listening: /orders on http:\/\/localhost:(\d+)/,
  })
})
afterAll(() => server?.stop())

const origin = () => `http://127.0.0.1:${server.origin}`
const createOrder = () =>
  fetch(`${origin()}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: 'Grace', total: 7 }),
  })

describe('the Vite + React example', () => {
  it('serves the built page', async () => {
    const response = await fetch(origin())
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<div id="root"></div>')
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\/index-[^"]+\.js"/)
  })

  it('tells a client on /events when an order is created', async () => {
    const stream = createEventStream({ url: `${origin()}/events`, topics: ['orders'] })
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
        await page.goto(origin())
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

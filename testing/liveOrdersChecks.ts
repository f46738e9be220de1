import { createEventStream } from '@ssehub/client'
import { chromium } from 'playwright-core'
import { expect, it } from 'vitest'
import { chromiumLaunchOptions, chromiumPath, hasChromium } from './chromium'

/**
 * The checks both examples pass, against their running server: a client on the event stream hears an
 * order being created, and in Chromium the page's list refetches when an order is created from outside
 * it (only the invalidation can make it do so). The page shows the stream status in
 * `data-testid="status"` and each order in `data-testid="order"`.
 */
export function itKeepsOrdersLive(origin: () => string, paths: { events: string; orders: string }): void {
  const createOrder = () =>
    fetch(`${origin()}${paths.orders}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer: 'Grace', total: 7 }),
    })

  it(`tells a client on ${paths.events} when an order is created`, async () => {
    const stream = createEventStream({ url: `${origin()}${paths.events}`, topics: ['orders'] })
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
        await createOrder()
        await page.getByTestId('order').nth(before).waitFor()
        expect(await page.getByTestId('order').count()).toBe(before + 1)
      } finally {
        await browser.close()
      }
    },
  )
}

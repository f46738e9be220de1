import { rm } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPages } from './support/buildPages'
import { chromiumPath, hasChromium, launchChromium } from './support/chromium'
import { createOrderThroughForm, openPage, waitTimeout } from './support/pages'
import { type RunningPlayground, startPlayground } from './support/startPlayground'

/** The panel's rows for invalidations about `order`, inside its shadow root (Playwright pierces it). */
const panelRow = (page: Page, order: string) =>
  page.locator('[data-ssehub-devtools] tr.event[data-type=invalidate]', { hasText: `orders.${order}` })

/** The hub page's "N open streams". */
async function openStreams(hub: Page): Promise<number> {
  const text = (await hub.locator('#now').textContent()) ?? ''
  return Number(/^(\d+) open streams/.exec(text)?.[1] ?? Number.NaN)
}

describe.skipIf(!hasChromium)(`the devtools panel and the hub page in Chromium (${chromiumPath})`, () => {
  let browser: Browser
  let server: RunningPlayground
  let pagesDir: string

  beforeAll(async () => {
    ;[pagesDir, browser] = await Promise.all([buildPages(), launchChromium()])
    server = await startPlayground({ pagesDir })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (pagesDir) await rm(pagesDir, { recursive: true, force: true })
  })

  it("shows an order created in one tab in the other tab's panel, with the query keys it refetched (React in TanStack Devtools, and Vue)", async () => {
    const context = await browser.newContext()
    // The writer opens first, so it leads the connection the two tabs share.
    const writer = await openPage(context, `${server.url}/?tenant=t1`)
    const reader = await openPage(context, `${server.url}/?tenant=t1`)
    const vue = await openPage(await browser.newContext(), `${server.url}/vue?tenant=t1`)
    await reader.getByRole('button', { name: 'Open TanStack Devtools' }).click()
    await reader.locator('[data-ssehub-devtools]').waitFor({ timeout: waitTimeout })
    await vue.locator('[data-ssehub-devtools]').waitFor({ timeout: waitTimeout })

    const { order } = await createOrderThroughForm(writer, 'Panel customer')
    for (const page of [reader, vue]) {
      const row = panelRow(page, order.id)
      await row.locator('.outcome').first().waitFor({ timeout: waitTimeout })
      const did = await row.locator('td.did').textContent()
      // The list on screen was refetched; the TanStack page also has the SWR list, keyed by its URL.
      expect(did).toContain('refetched ["orders"]')
      expect(await row.textContent()).toContain('instant')
    }
    expect(await panelRow(reader, order.id).locator('td.did').textContent()).toContain('/api/orders')
    // The two React tabs share one connection: the reader says who holds it.
    expect(await reader.locator('[data-ssehub-devtools] .role').textContent()).toMatch(/^follows tab \w+/)

    // The row opens to the event's data and every decision with its cause.
    await panelRow(vue, order.id).click()
    const detail = vue.locator('[data-ssehub-devtools] .detail')
    expect(JSON.parse((await detail.locator('pre').textContent()) ?? '')).toEqual({
      resource: 'orders',
      id: order.id,
      action: 'created',
    })
    expect(await detail.locator('li').first().textContent()).toContain('(event, list)')
    await Promise.all([context.close(), vue.context().close()])
  })

  it("follows tabs opening and closing in the hub page's connection count", async () => {
    const hub = await (await browser.newContext()).newPage()
    await hub.goto(`${server.url}/admin/hub`)
    await hub.waitForFunction(() =>
      /^\d+ open streams/.test(document.querySelector('#now')?.textContent ?? ''),
    )
    const before = await openStreams(hub)
    const contexts = await Promise.all([1, 2].map(() => browser.newContext()))
    await Promise.all(contexts.map((context) => openPage(context, `${server.url}/?tenant=t2`)))
    await expect.poll(() => openStreams(hub), { timeout: waitTimeout }).toBe(before + 2)
    await contexts[0]?.close()
    await expect.poll(() => openStreams(hub), { timeout: waitTimeout }).toBe(before + 1)
    await contexts[1]?.close()
    await expect.poll(() => openStreams(hub), { timeout: waitTimeout }).toBe(before)
    // The plots are drawn: one SVG per plot, the engine's hidden on the memory bus.
    expect(await hub.locator('section:not([hidden]) svg').count()).toBe(6)
    await hub.context().close()
  })

  // Last: it drains the hub.
  it('says on the badge why the stream waits and when it retries, and the panel keeps the history', async () => {
    const page = await openPage(await browser.newContext(), `${server.url}/vue?tenant=t1`)
    await server.hub.drain({ graceMs: 100 })
    const detail = page.getByTestId('status-detail')
    await detail.waitFor({ timeout: waitTimeout })
    // Told to come back by the drain, then refused while the server drains: each with its wait.
    await expect
      .poll(() => detail.textContent(), { timeout: waitTimeout })
      .toMatch(/^draining \(503\) · retry in \d+ s$/)
    const timeline = page.locator('[data-ssehub-devtools] .timeline')
    await expect
      .poll(() => timeline.textContent(), { timeout: waitTimeout })
      .toMatch(/open.*reconnecting wait [\d.]+ s: drain.*\(draining\) wait [\d.]+ s: retry-after/)
    await page.context().close()
  })
})

import { mkdir, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPages } from './support/buildPages'
import { chromiumPath, hasChromium, launchChromium } from './support/chromium'
import {
  createOrderThroughForm,
  framesOf,
  openPage,
  orderRow,
  recordRequests,
  waitForQuiet,
  waitForStatus,
  waitTimeout,
  whenRowAppears,
} from './support/pages'
import { type RunningPlayground, signedIn, startPlayground } from './support/startPlayground'

if (!hasChromium) console.warn(`playground e2e skipped: ${chromiumPath} not found (apt-get install chromium)`)

const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url))
/** A short reconnect delay, so the restart step waits a second, not the default three. */
const hubOptions = { retryMs: 500 }

describe.skipIf(!hasChromium)(`the playground in Chromium (${chromiumPath})`, () => {
  let browser: Browser
  let server: RunningPlayground
  let pagesDir: string
  const contexts: BrowserContext[] = []
  const pages: Record<'reactA' | 'reactB' | 'vueA' | 'vueB' | 'otherTenant', Page> = {} as never
  const names: string[] = []

  beforeAll(async () => {
    ;[pagesDir, browser] = await Promise.all([buildPages(), launchChromium()])
    server = await startPlayground({ pagesDir, hubOptions })
    const [react, vue, other] = await Promise.all([1, 2, 3].map(() => browser.newContext()))
    contexts.push(react!, vue!, other!)
    // Two tabs of t1 per framework (each pair shares one stream), and a tab of t2 watching.
    ;[pages.reactA, pages.reactB, pages.vueA, pages.vueB, pages.otherTenant] = await Promise.all([
      openPage(react!, `${server.url}/?tenant=t1`),
      openPage(react!, `${server.url}/?tenant=t1`),
      openPage(vue!, `${server.url}/vue?tenant=t1`),
      openPage(vue!, `${server.url}/vue?tenant=t1`),
      openPage(other!, `${server.url}/?tenant=t2`),
    ])
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (pagesDir) await rm(pagesDir, { recursive: true, force: true })
  })

  it('1 + 5: an order created in one tab shows in the other within 500 ms, React and Vue; then 10 idle seconds without a request', async () => {
    for (const [framework, creator, watcher] of [
      ['React', pages.reactA, pages.reactB],
      ['Vue', pages.vueA, pages.vueB],
    ] as const) {
      const customer = `${framework} customer ${Date.now()}`
      names.push(customer)
      const shown = whenRowAppears(watcher, customer)
      const { respondedAt } = await createOrderThroughForm(creator, customer)
      const latencyMs = (await shown) - respondedAt
      console.log(`step 1 (${framework}): other tab updated ${latencyMs} ms after the create response`)
      expect(latencyMs).toBeLessThan(500)
      await orderRow(creator, customer).waitFor({ timeout: waitTimeout })
    }

    // One stream per browser context (the tabs share it) and one for the t2 tab: three in all.
    expect(server.hub.stats().connections).toBe(3)
    // Let the refetches and the stats panel's refresh after the creates finish, then watch.
    const watched = [pages.reactA, pages.reactB, pages.vueA, pages.vueB]
    await waitForQuiet(watched)
    const recorder = recordRequests(watched)
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    expect(recorder.stop(), 'requests during 10 idle seconds').toEqual([])
    for (const page of watched) {
      expect(await page.locator('[data-testid=status]').textContent()).toBe('open')
    }
  }, 40_000)

  it('2: a tab of the other tenant never shows those orders and receives no frame about them', async () => {
    const { api } = await signedIn(server.url, 't2')
    const own = await (
      await api('/api/orders', { method: 'POST', body: { customer: 'Globex own', totalCents: 100 } })
    ).json()
    await orderRow(pages.otherTenant, 'Globex own').waitFor({ timeout: waitTimeout })

    const text = await pages.otherTenant.locator('main').textContent()
    for (const name of names) expect(text).not.toContain(name)
    // Each tenant numbers its own orders (Globex's first is ord_1 too): of all the order invalidations
    // Acme's writes sent, this tab heard none; it heard its own, so the isolation is not silence.
    expect(server.store.list('t1').length).toBeGreaterThan(0)
    const orderFrames = (await framesOf(pages.otherTenant)).filter(
      (frame) => frame.type === 'invalidate' && (frame.data as { resource: string }).resource === 'orders',
    )
    expect(orderFrames.map((frame) => (frame.data as { id: string }).id)).toEqual([own.id])
  }, 30_000)

  it('3: an import of 10,000 rows fills the bar to 100 % in at most 30 progress frames, the last at 100 %', async () => {
    const page = pages.reactA
    await page.getByRole('button', { name: /Import 10,000/ }).click()
    await page.locator('[data-testid=import-pct]:text-is("100%")').waitFor({ timeout: 30_000 })
    // The job's result shows once it is done (the live count reaches 10,000 a moment before).
    await page.locator('[data-testid=import-result]').waitFor({ timeout: waitTimeout })
    expect(await page.getByTestId('progress-calls').textContent()).toBe('10,000')

    const [job] = server.imports.list('t1')
    expect(job).toMatchObject({ status: 'completed', rows: 10_000, progressCalls: 10_000 })
    for (const [name, tab] of [
      ['creating tab', page],
      ['second tab', pages.reactB],
    ] as const) {
      const progress = (await framesOf(tab)).filter(
        (frame) => frame.type === 'progress' && (frame.data as { id: string }).id === job!.id,
      )
      console.log(`step 3 (${name}): 10,000 progress calls → ${progress.length} progress frames`)
      expect(progress.length).toBeGreaterThan(0)
      expect(progress.length).toBeLessThanOrEqual(30)
      expect((progress.at(-1)!.data as { pct: number }).pct).toBe(100)
    }
    expect(await page.getByTestId('frames-received').textContent()).toMatch(/^\d+$/)
    await page.locator('[data-testid=stats]', { hasText: 'coalesced away' }).waitFor()
    await mkdir(resultsDir, { recursive: true })
    await page.screenshot({ path: `${resultsDir}react-import.png`, fullPage: true })
  }, 45_000)

  it('4: across a server restart the tab shows reconnecting, then open, and an order created meanwhile', async () => {
    const page = pages.reactA
    const { store, imports, port } = server
    await server.stop()
    await waitForStatus(page, 'reconnecting')
    store.create('t1', { customer: 'Created while down', totalCents: 4200 })
    server = await startPlayground({ port, store, imports, pagesDir, hubOptions })
    await waitForStatus(page, 'open')
    await orderRow(page, 'Created while down').waitFor({ timeout: waitTimeout })
    // The new hub has a new epoch: the old last id gets `resync`, and the binders refetch everything.
    expect((await framesOf(page)).some((frame) => frame.type === 'resync')).toBe(true)
  }, 30_000)

  it('7: each tab counts the API requests it made, next to what 30 s polling of its pages would have made', async () => {
    for (const path of ['/?tenant=t1', '/vue?tenant=t1']) {
      const page = await contexts[0]!.newPage()
      const recorder = recordRequests([page])
      await page.goto(`${server.url}${path}`)
      await waitForStatus(page, 'open')
      await waitForQuiet([page])
      const gets = recorder.stop().filter((request) => /^GET .*\/(api\/|events\/stats)/.test(request))
      const meter = page.getByTestId('meter')
      await meter
        .getByTestId('meter-requests')
        .filter({ hasText: String(gets.length) })
        .waitFor({ timeout: waitTimeout })
      // Polling pays at least one load per page on screen, as the tab did.
      const polling = Number(await meter.getByTestId('meter-polling').textContent())
      expect(polling).toBeGreaterThanOrEqual(gets.length)
      expect(await meter.getByTestId('meter-age').textContent()).toMatch(/^\d+ s$|^\d+ min \d+ s$/)
      console.log(`step 7 (${path}): ${gets.length} requests made; 30 s polling: ${polling}`)
      await page.close()
    }
  }, 40_000)

  it('6: screenshots of the React and Vue pages', async () => {
    await mkdir(resultsDir, { recursive: true })
    await orderRow(pages.vueA, 'Created while down').waitFor({ timeout: waitTimeout })
    await pages.reactA.setViewportSize({ width: 1280, height: 900 })
    await pages.reactA.screenshot({ path: `${resultsDir}react.png`, fullPage: true })
    await pages.vueA.screenshot({ path: `${resultsDir}vue.png`, fullPage: true })
  }, 20_000)
})

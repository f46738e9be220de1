import type { BrowserContext, Page, Request } from 'playwright-core'
import type { RecordedFrame } from '../../web/shared/stream'

/** Generous for a busy 2-core machine; the latency bound of the spec is checked separately. */
export const waitTimeout = 15_000

/** Opens `url` in `context` and waits until its stream is open. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page ${url}]`, error))
  await page.goto(url)
  await waitForStatus(page, 'open')
  return page
}

export async function waitForStatus(page: Page, status: string, timeout = waitTimeout): Promise<void> {
  await page.locator(`[data-testid=status]:text-is("${status}")`).waitFor({ timeout })
}

/** The rows of the page's TanStack (or vue-query) orders table containing `text`. */
export function orderRow(page: Page, text: string) {
  return page.locator('[data-testid=orders-query] tbody tr', { hasText: text })
}

/**
 * Resolves with the page's clock (`Date.now()`) at the moment a row with `customer` appears in its
 * orders table: a MutationObserver sees the DOM change itself, not when a poll next looks.
 */
export function whenRowAppears(page: Page, customer: string, timeoutMs = waitTimeout): Promise<number> {
  return page.evaluate(
    ([text, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const table = document.querySelector('[data-testid=orders-query]')!
        const check = () => {
          if (!table.textContent?.includes(text)) return false
          resolve(Date.now())
          observer.disconnect()
          return true
        }
        const observer = new MutationObserver(check)
        observer.observe(table, { childList: true, subtree: true, characterData: true })
        if (!check()) setTimeout(() => reject(new Error(`no row "${text}" after ${timeout} ms`)), timeout)
      }),
    [customer, timeoutMs] as const,
  )
}

/**
 * Creates an order through the page's form and returns the page's clock when the POST's response had
 * been read in full (from the browser's own request timing).
 */
export async function createOrderThroughForm(page: Page, customer: string, total = '12.50') {
  await page.getByLabel('Customer').fill(customer)
  await page.getByLabel('Total').fill(total)
  const responded = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/orders',
  )
  await page.getByRole('button', { name: 'Create order' }).click()
  const response = await responded
  await response.finished()
  const timing = response.request().timing()
  return {
    order: (await response.json()) as { id: string },
    respondedAt: timing.startTime + timing.responseEnd,
  }
}

/** The frames the page's stream delivered (`window.__ssehub.frames`). */
export function framesOf(page: Page): Promise<RecordedFrame[]> {
  return page.evaluate(() => window.__ssehub?.frames ?? [])
}

/** Resolves once the pages have made no request for `quietMs` (refetches after a change are done). */
export async function waitForQuiet(pages: Page[], quietMs = 1_000, timeoutMs = waitTimeout): Promise<void> {
  const recorder = recordRequests(pages)
  const deadline = Date.now() + timeoutMs
  let seen = 0
  let quietSince = Date.now()
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error(`the pages kept making requests for ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const count = recorder.requests.length
    if (count !== seen) [seen, quietSince] = [count, Date.now()]
  }
  recorder.stop()
}

/** Records every request the pages make from now on; `stop()` returns them. */
export function recordRequests(pages: Page[]) {
  const seen: string[] = []
  const onRequest = (request: Request) => seen.push(`${request.method()} ${request.url()}`)
  for (const page of pages) page.on('request', onRequest)
  return {
    requests: seen,
    stop() {
      for (const page of pages) page.off('request', onRequest)
      return seen
    },
  }
}

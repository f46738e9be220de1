import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../../../testing/chromium'

/** A hostile stream: how many events per second, for how long, and how many of them are huge. */
export interface FloodOptions {
  /** @default 10_000 */
  eventsPerSecond?: number
  /** @default 5000 */
  durationMs?: number
  /** Every n-th event carries `hugeBytes` of data. @default 500 */
  hugeEvery?: number
  /** @default 1_048_576 (1 MB) */
  hugeBytes?: number
  /** Mount the panel (`false` measures the page with the stream alone, for comparison). @default true */
  withPanel?: boolean
  /** Only the panel's store, no drawing: where the cost is. @default false */
  storeOnly?: boolean
}

/** What the page went through, measured in the page. */
export interface FloodResult {
  sent: number
  /** Frames the panel counted (`counts.events`), and rows it kept. */
  counted: number
  rowsKept: number
  /** Gaps between animation frames during the flood, in ms: how janky the page was. */
  frameGapMs: { p50: number; p99: number; max: number }
  /**
   * In the middle of the flood, from queueing a click on "pause" to the next frame showing "resume", in
   * ms: how long a user waits for the panel to answer.
   */
  pauseClickMs: number | undefined
  /** The page's JS heap after the flood, in MB. */
  heapMB: number
}

/** A source file, by path from here: the page runs exactly the code under test, never a stale build. */
const sourceOf = (path: string) => new URL(path, import.meta.url).pathname

/** The test page: the client, the panel (or not), and an animation-frame recorder. */
const entry = (withPanel: boolean, storeOnly: boolean) => `
  import { createEventStream } from '${sourceOf('../../client/src/index.ts')}'
  import { createPanelStore, mountStreamPanel } from '${sourceOf('../src/index.ts')}'
  const stream = createEventStream({ url: '/events', topics: ['orders'] })
  const gaps = []
  let last = performance.now()
  const tick = (now) => { gaps.push(now - last); last = now; requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
  window.clickPauseMidFlood = () => new Promise((resolve) => {
    const started = performance.now()
    setTimeout(() => {
      const button = document.querySelector('[data-ssehub-devtools]').shadowRoot.querySelector('button[name=pause]')
      button.click()
      requestAnimationFrame(() => resolve(button.textContent === 'resume' ? performance.now() - started : 'text:' + button.textContent))
    }, 0)
  })
  window.flood = { gaps, stream, panel: ${storeOnly} ? { store: createPanelStore(stream) } : ${withPanel} ? mountStreamPanel(document.body, { stream }) : undefined }
`

async function bundle(withPanel: boolean, storeOnly: boolean): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: new URL('..', import.meta.url).pathname,
    resolve: { conditions: ['@ssehub/source', 'browser', 'module'] },
    plugins: [
      {
        name: 'flood-entry',
        resolveId: (id) => (id === 'flood-entry' ? '\0flood-entry' : undefined),
        load: (id) => (id === '\0flood-entry' ? entry(withPanel, storeOnly) : undefined),
      },
    ],
    build: { write: false, minify: true, rollupOptions: { input: 'flood-entry' } },
  })
  const output = (Array.isArray(result) ? result[0] : result) as {
    output: Array<{ type: string; code?: string }>
  }
  return output.output
    .filter((chunk) => chunk.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n')
}

/** Serves the page and, on `/events`, the flood. */
function serve(
  code: string,
  options: Required<Omit<FloodOptions, 'withPanel' | 'storeOnly'>>,
): Promise<Server> {
  const { eventsPerSecond, durationMs, hugeEvery, hugeBytes } = options
  const huge = JSON.stringify({ resource: 'orders', blob: 'x'.repeat(hugeBytes) })
  const server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end(
        '<!doctype html><meta charset="utf-8"><body><script type="module" src="/page.js"></script>',
      )
    } else if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      response.end(code)
    } else if (request.url?.startsWith('/events')) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      response.write(
        'retry: 60000\nid: e-0\nevent: connected\ndata: {"connectionId":"c","topics":["orders"],"heartbeatMs":60000,"resumed":false}\n\n',
      )
      let sent = 0
      const perTick = Math.max(1, Math.round(eventsPerSecond / 100))
      const timer = setInterval(() => {
        let text = ''
        for (let index = 0; index < perTick; index++) {
          sent += 1
          const data =
            sent % hugeEvery === 0 ? huge : `{"resource":"orders","id":"o${sent}","action":"updated"}`
          text += `id: e-${sent}\nevent: invalidate\ndata: ${data}\n\n`
        }
        response.write(text)
      }, 10)
      setTimeout(() => {
        clearInterval(timer)
        response.write(`event: flood-end\ndata: ${sent}\n\n`)
      }, durationMs)
      request.on('close', () => clearInterval(timer))
    } else {
      response.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** Floods a page (with the panel, or the stream alone) in Chromium and measures it. */
export async function runFlood(options: FloodOptions = {}): Promise<FloodResult> {
  const settings = {
    eventsPerSecond: options.eventsPerSecond ?? 10_000,
    durationMs: options.durationMs ?? 5000,
    hugeEvery: options.hugeEvery ?? 500,
    hugeBytes: options.hugeBytes ?? 1024 * 1024,
  }
  const storeOnly = options.storeOnly ?? false
  const withPanel = (options.withPanel ?? true) && !storeOnly
  const server = await serve(await bundle(withPanel, storeOnly), settings)
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, '--enable-precise-memory-info'],
  })
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) => console.error('[flood page]', error))
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await page.waitForFunction(() => (window as { flood?: unknown }).flood !== undefined)
    const midFlood = withPanel
      ? new Promise((resolve) => setTimeout(resolve, settings.durationMs / 2)).then(() =>
          page.evaluate(() =>
            (window as unknown as { clickPauseMidFlood(): Promise<number> }).clickPauseMidFlood(),
          ),
        )
      : Promise.resolve(undefined)
    const sent = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const { stream, gaps } = (
            window as unknown as {
              flood: { stream: { on(type: string, handler: (data: number) => void): void }; gaps: number[] }
            }
          ).flood
          gaps.length = 0
          stream.on('flood-end', (data: number) => resolve(data))
        }),
    )
    const gaps = await page.evaluate(() =>
      (window as unknown as { flood: { gaps: number[] } }).flood.gaps.slice(),
    )
    const clicked = await midFlood
    if (typeof clicked === 'string') throw new Error(`the pause click did not show: ${clicked}`)
    const pauseClickMs = clicked === undefined ? undefined : Math.round(clicked as number)
    const state = await page.evaluate(() => {
      const panel = (
        window as unknown as {
          flood: { panel?: { store: { getState(): { counts: { events: number }; events: unknown[] } } } }
        }
      ).flood.panel
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
      const snapshot = panel?.store.getState()
      return {
        counted: snapshot?.counts.events ?? 0,
        rows: snapshot?.events.length ?? 0,
        heap: memory?.usedJSHeapSize ?? 0,
      }
    })
    const sorted = gaps.sort((a, b) => a - b)
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)
    return {
      sent,
      counted: state.counted,
      rowsKept: state.rows,
      frameGapMs: { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0) },
      pauseClickMs,
      heapMB: Math.round(state.heap / 1024 / 1024),
    }
  } finally {
    await browser.close()
    await new Promise((resolve) => server.close(resolve))
  }
}

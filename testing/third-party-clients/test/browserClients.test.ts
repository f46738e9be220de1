import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions, chromiumPath, hasChromium } from '../../chromium'
import { resumeAcrossDrop } from '../src/resumeAcrossDrop'
import { startHub, type TestHub, TOKEN } from '../src/startHub'
import { waitFor } from '../src/waitFor'

if (!hasChromium)
  console.warn(`browser clients skipped: ${chromiumPath} not found (apt-get install chromium)`)

/** What a page script records, read back with `page.evaluate`. */
interface Seen {
  events: { type: string; data: string; id: string }[]
  errors: number
  readyState?: number
}

declare global {
  interface Window {
    seen: Seen
    fetchEventSource: typeof import('@microsoft/fetch-event-source').fetchEventSource
  }
}

const PAGE = `<!doctype html><title>clients</title>
<script type="module">
  import { fetchEventSource } from '/fetch-event-source/index.js'
  window.fetchEventSource = fetchEventSource
  window.seen = { events: [], errors: 0 }
</script>`

let browser: Browser
let page: Page
let testHub: TestHub | undefined

async function open(options: { auth?: boolean; maxLifetimeMs?: number } = {}): Promise<TestHub> {
  testHub = await startHub({ ...options, page: PAGE })
  page = await browser.newPage()
  await page.goto(testHub.origin)
  await page.waitForFunction(() => typeof window.fetchEventSource === 'function')
  return testHub
}

const seen = () => page.evaluate(() => window.seen)
const eventsOf = async (type: string) => (await seen()).events.filter((event) => event.type === type)

describe.skipIf(!hasChromium)(`browser clients in Chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions)
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    await page?.close()
    await testHub?.close()
    testHub = undefined
  })

  describe('native EventSource', () => {
    it('receives named events and resumes with Last-Event-ID after a drop', async () => {
      const hub = await open()
      await page.evaluate(() => {
        const source = new EventSource('/events?topics=orders')
        for (const type of ['connected', 'invalidate']) {
          source.addEventListener(type, (event) => {
            const { data, lastEventId } = event as MessageEvent<string>
            window.seen.events.push({ type, data, id: lastEventId })
          })
        }
      })
      await waitFor('connected', async () => (await eventsOf('connected')).length === 1)
      await resumeAcrossDrop(hub, async () => (await eventsOf('invalidate')).length)
      const [first] = await eventsOf('invalidate')
      expect(hub.connects[1]?.lastEventId).toBe(first?.id)
      expect((await eventsOf('invalidate')).map((event) => JSON.parse(event.data).id)).toEqual([
        'ord_1',
        'ord_2',
      ])
    })

    it('dies for good on its first reconnect with a single-use ticket (401, readyState 2, never retried)', async () => {
      const hub = await open({ auth: true })
      await page.evaluate(async (token) => {
        const response = await fetch('/events/ticket', { method: 'POST', headers: { authorization: token } })
        const { ticket } = (await response.json()) as { ticket: string }
        const source = new EventSource(`/events?topics=orders&ticket=${ticket}`)
        source.addEventListener('connected', () =>
          window.seen.events.push({ type: 'connected', data: '', id: '' }),
        )
        source.addEventListener('error', () => {
          window.seen.errors++
          window.seen.readyState = source.readyState
        })
      }, TOKEN)
      await waitFor('connected', async () => (await eventsOf('connected')).length === 1)
      hub.dropConnections()
      await waitFor('the closed state', async () => (await seen()).readyState === EventSource_CLOSED)
      // Well past several `retry:` periods (200 ms): nothing more is attempted.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(await seen()).toMatchObject({ readyState: EventSource_CLOSED, errors: 2 })
      expect(hub.connects).toHaveLength(1)
    })

    it('resumes with a fresh ticket and ?lastEventId= when the app reopens it (the documented recipe)', async () => {
      const hub = await open({ auth: true })
      await page.evaluate(async (token) => {
        // The recipe from the third-party clients page.
        let lastEventId = ''
        async function connect() {
          const response = await fetch('/events/ticket', {
            method: 'POST',
            headers: { authorization: token },
          })
          const { ticket } = (await response.json()) as { ticket: string }
          const url = new URL('/events', location.href)
          url.searchParams.set('topics', 'orders')
          url.searchParams.set('ticket', ticket)
          if (lastEventId) url.searchParams.set('lastEventId', lastEventId)
          const source = new EventSource(url)
          // `cursor` frames move the resume point too: listen to them only to keep their id.
          for (const type of ['connected', 'invalidate', 'cursor']) {
            source.addEventListener(type, (event) => {
              const { data, lastEventId: id } = event as MessageEvent<string>
              lastEventId = id
              if (type !== 'cursor') window.seen.events.push({ type, data, id })
            })
          }
          source.addEventListener('error', () => {
            // A spent ticket is never retried by EventSource itself: open a new one with a new ticket.
            if (source.readyState === EventSource.CLOSED) setTimeout(connect, 200)
          })
        }
        await connect()
      }, TOKEN)
      await waitFor('connected', async () => (await eventsOf('connected')).length === 1)
      await resumeAcrossDrop(hub, async () => (await eventsOf('invalidate')).length)
      expect(hub.connects[1]).toMatchObject({ withTicket: true, lastEventId: expect.stringMatching(/.+/) })
      expect((await eventsOf('connected')).map((event) => JSON.parse(event.data).resumed)).toEqual([
        false,
        true,
      ])
    })
  })

  describe('@microsoft/fetch-event-source', () => {
    it('hands cursor frames to onmessage with empty data, and never an empty message for retry:', async () => {
      const hub = await open()
      await page.evaluate(() => {
        void window.fetchEventSource('/events?topics=imports.*', {
          openWhenHidden: true,
          onmessage: ({ event, data, id }) => window.seen.events.push({ type: event, data, id }),
        })
      })
      await waitFor('connected', async () => (await eventsOf('connected')).length === 1)
      // A coalesced event is written at the connection's next flush, which ends with a cursor frame.
      await hub.hub.progress('imports', { id: 'imp_1', current: 1, total: 2 })
      await waitFor('a cursor frame', async () => (await eventsOf('cursor')).length >= 1)
      const events = (await seen()).events
      expect(events.find((event) => event.type === 'cursor')).toMatchObject({
        data: '',
        id: expect.stringMatching(/.+/),
      })
      expect(events.filter((event) => event.type === '' && event.data === '')).toEqual([])
      expect(events.map((event) => event.type)).toEqual(['connected', 'progress', 'cursor'])
    })

    it.each([
      ['does not reopen it', false, 1],
      ['reopens it when onclose throws', true, 2],
    ])('%s when the hub ends a stream cleanly (a rotation)', async (_, rethrow, streams) => {
      const hub = await open({ maxLifetimeMs: 1000 })
      await page.evaluate((rethrow) => {
        void window.fetchEventSource('/events?topics=orders', {
          openWhenHidden: true,
          onmessage: ({ event, data, id }) => window.seen.events.push({ type: event, data, id }),
          onclose() {
            if (rethrow) throw new Error('the stream ended: reconnect')
          },
        })
      }, rethrow)
      await waitFor('the drain frame of the rotation', async () => (await eventsOf('drain')).length === 1)
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect(hub.connects.length).toBeGreaterThanOrEqual(streams)
      if (!rethrow) expect(hub.connects).toHaveLength(1)
    })

    it('resumes after a drop with its last-event-id header (the documented recipe)', async () => {
      const hub = await open()
      await page.evaluate(() => {
        // The recipe from the third-party clients page.
        void window.fetchEventSource('/events?topics=orders', {
          openWhenHidden: true,
          onmessage({ event, data, id }) {
            if (event === 'cursor') return // moves the resume point (fetchEventSource keeps it); no data
            window.seen.events.push({ type: event, data: JSON.parse(data), id })
          },
          onclose() {
            throw new Error('the stream ended: reconnect') // without this, a closed stream is not reopened
          },
        })
      })
      await waitFor('connected', async () => (await eventsOf('connected')).length === 1)
      await resumeAcrossDrop(hub, async () => (await eventsOf('invalidate')).length)
      const [first] = await eventsOf('invalidate')
      expect(hub.connects[1]?.lastEventId).toBe(first?.id)
    })
  })
})

const EventSource_CLOSED = 2

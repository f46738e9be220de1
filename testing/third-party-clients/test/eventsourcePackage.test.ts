import { EventSource } from 'eventsource'
import { afterEach, describe, expect, it } from 'vitest'
import { resumeAcrossDrop } from '../src/resumeAcrossDrop'
import { startHub, type TestHub, TOKEN } from '../src/startHub'
import { waitFor } from '../src/waitFor'

let testHub: TestHub | undefined
afterEach(async () => {
  await testHub?.close()
  testHub = undefined
})

describe('the eventsource package (Node)', () => {
  it('sends a bearer token through its fetch option, receives typed events, and resumes after a drop', async () => {
    const hub = await startHub({ auth: true })
    testHub = hub
    // As the third-party clients page shows it:
    const source = new EventSource(`${hub.origin}/events?topics=orders`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization: TOKEN } }),
    })
    const received: unknown[] = []
    source.addEventListener('invalidate', (event) => received.push(JSON.parse(event.data)))
    const connected: boolean[] = []
    source.addEventListener('connected', (event) => connected.push(JSON.parse(event.data).resumed))
    try {
      await waitFor('the first connected', () => connected.length === 1)
      await resumeAcrossDrop(hub, () => received.length)
      expect(received).toEqual([
        { resource: 'orders', id: 'ord_1' },
        { resource: 'orders', id: 'ord_2' },
      ])
      expect(hub.connects[1]?.lastEventId).toMatch(/.+/)
      expect(connected).toEqual([false, true])
    } finally {
      source.close()
    }
  })
})

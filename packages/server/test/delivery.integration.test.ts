import { describe, expect, it } from 'vitest'
import { setupHub } from './hubServer'
import { connect } from './sse'

const setup = setupHub

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('coalesced progress over a real server', () => {
  it('turns 10,000 progress calls over ~3 s into a handful of frames ending at 100 %', async () => {
    const { hub, url } = await setup()
    const stream = await connect(`${url}/events?topics=imports.*`)
    const total = 10_000
    for (let current = 1; current <= total; current++) {
      await hub.progress('imports', { id: 'imp_9', current, total })
      if (current % 100 === 0) await sleep(30)
    }
    await stream.until((frames) =>
      frames.some((f) => f.event === 'progress' && f.data?.includes(`"current":${total},`)),
    )
    const progress = stream.events.filter((e) => e.event === 'progress')
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.length).toBeLessThanOrEqual(20)
    expect(progress.at(-1)!.data).toEqual({
      resource: 'imports',
      id: 'imp_9',
      current: total,
      total,
      pct: 100,
    })
    const currents = progress.map((e) => (e.data as { current: number }).current)
    expect(currents).toEqual([...currents].sort((a, b) => a - b))
    expect(hub.stats().coalesced).toBeGreaterThan(total - 20)
  }, 30_000)

  it('sends complete after the last progress and never a stale progress after it', async () => {
    const { hub, url } = await setup()
    const stream = await connect(`${url}/events?topics=imports`)
    await hub.progress('imports', { id: 'imp_1', current: 1, total: 100 }) // leading flush
    await stream.untilEvent('progress')
    await hub.progress('imports', { id: 'imp_1', current: 97, total: 100 })
    await hub.complete('imports', { id: 'imp_1', status: 'completed', hint: { rows: 100 } })
    await stream.untilEvent('complete')
    await sleep(700) // past the next flush: the discarded 97 % must not come
    expect(stream.events.filter((e) => e.event !== 'connected').map((e) => e.event)).toEqual([
      'progress',
      'complete',
    ])
    expect(stream.events.at(-1)!.data).toEqual({
      resource: 'imports',
      id: 'imp_1',
      status: 'completed',
      hint: { rows: 100 },
    })
  })
})

describe('a reader that stops reading', () => {
  it('costs at most bufferBytes, never slows a healthy reader, and gets resync before anything newer', async () => {
    const bufferBytes = 64 * 1024
    const { hub, url } = await setup({ bufferBytes })
    const slow = await connect(`${url}/events?topics=feed`)
    const healthy = await connect(`${url}/events?topics=feed`)
    slow.pause()
    const payload = 'x'.repeat(2000)
    const ids: string[] = []
    let maxQueuedBytes = 0
    const healthyId = JSON.parse(healthy.frames[0]!.data!).connectionId
    const queuedBytes = (id: string) => hub.connectionStats().find((c) => c.id === id)?.queuedBytes ?? 0
    for (let i = 0; i < 10_000; i++) {
      ids.push(await hub.publish({ type: 'item', topics: 'feed', data: { i, payload } }))
      if (i % 10 === 9) {
        for (const connection of hub.connectionStats())
          maxQueuedBytes = Math.max(maxQueuedBytes, connection.queuedBytes)
        // A fair publisher for the healthy reader (it shares this process): bursts smaller than its buffer.
        do await tick()
        while (queuedBytes(healthyId) > bufferBytes / 2)
      }
    }
    await healthy.until((frames) => frames.filter((f) => f.event === 'item').length === 10_000, 20_000)
    expect(healthy.frames.some((f) => f.event === 'resync')).toBe(false)
    expect(healthy.events.filter((e) => e.event === 'item').map((e) => e.id)).toEqual(ids)

    // The slow reader's backlog in the hub stayed within its buffer plus one frame.
    expect(maxQueuedBytes).toBeLessThanOrEqual(bufferBytes + 2100)
    expect(hub.stats().dropped.instant).toBeGreaterThan(0)

    slow.resume()
    // Once it has caught up, the resync it is owed arrives without waiting for another event.
    const slowId = JSON.parse(slow.frames[0]!.data!).connectionId
    await slow.until(
      (frames) =>
        queuedBytes(slowId) === 0 && frames.filter((f) => f.event !== undefined).at(-1)?.event === 'resync',
      20_000,
    )
    const last = await hub.publish({ type: 'item', topics: 'feed', data: { i: 10_000, payload } })
    ids.push(last)
    await slow.until((frames) => frames.some((f) => f.id === last), 20_000)
    // Every event it got is in order; at the first gap, a resync came before the next event.
    const frames = slow.frames.filter((f) => f.event === 'item' || f.event === 'resync')
    let expected = 0
    let resyncOwed = false
    let sawResync = false
    for (const frame of frames) {
      if (frame.event === 'resync') {
        expect(JSON.parse(frame.data!)).toEqual({ reason: 'overflow' })
        resyncOwed = false
        sawResync = true
        continue
      }
      const index = ids.indexOf(frame.id!)
      expect(index).toBeGreaterThanOrEqual(expected)
      if (index > expected && !sawResync) resyncOwed = true
      expect(resyncOwed).toBe(false)
      expected = index + 1
    }
    expect(sawResync).toBe(true)
  }, 60_000)
})

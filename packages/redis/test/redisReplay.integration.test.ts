import type { BusMessage, HubEvent, ReplayResult } from '@ssehub/server/engine'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { appendEntry } from '../src/appendEntry'
import { redisReplay } from '../src/index'
import { encodeStreamEntry } from '../src/streamEntry'
import { metaKeyOf } from '../src/streamKeys'
import { describeWithRedis, RedisServer } from './redisServer'

const STREAM = 'ssehub:replay'
const all = () => true

function message(n: number, extra: Partial<BusMessage> = {}): BusMessage {
  return {
    type: 'invalidate',
    topics: ['orders', `orders.ord_${n}`],
    data: JSON.stringify({ resource: 'orders', id: `ord_${n}` }),
    lane: 'instant',
    publishedAt: Date.now(),
    ...extra,
  }
}

const idsOf = (result: ReplayResult) => ('events' in result ? result.events.map((e) => e.id) : result)

describeWithRedis('redisReplay', () => {
  let server: RedisServer
  let redis: Redis

  beforeAll(async () => {
    server = await RedisServer.start()
    redis = new Redis(server.url)
  })
  beforeEach(async () => {
    await redis.del(STREAM, 'ssehub:other', metaKeyOf(STREAM), metaKeyOf('ssehub:other'))
  })
  afterAll(async () => {
    redis?.disconnect()
    await server?.destroy()
  })

  async function append(count: number, extra?: (n: number) => Partial<BusMessage>, stream = STREAM) {
    const ids: string[] = []
    for (let n = 0; n < count; n++) {
      ids.push(await appendEntry(redis, stream, 1_000_000, encodeStreamEntry(message(n, extra?.(n)))))
    }
    return ids
  }

  it('replays what came after the id, up to the head, in pages, with every field', async () => {
    const ids = await append(1234, (n) => (n === 5 ? { group: { tenant_id: 't1' }, ttlMs: 60_000 } : {}))
    const replay = redisReplay({ redis, stream: STREAM, pageSize: 100 })
    const result = await replay.since(ids[0]!, ids[1000]!, all)
    expect(idsOf(result)).toEqual(ids.slice(1, 1001))
    const fifth = (result as { events: HubEvent[] }).events[4]!
    expect(fifth).toEqual({
      id: ids[5],
      ...message(5),
      publishedAt: fifth.publishedAt,
      group: { tenant_id: 't1' },
      ttlMs: 60_000,
    })
    expect(await replay.since(ids[1000]!, ids[1000]!, all)).toEqual({ events: [] })
    // A page boundary falls exactly on the head.
    expect(idsOf(await replay.since(ids[99]!, ids[299]!, all))).toEqual(ids.slice(100, 300))
  })

  it('applies the filter and drops expired events', async () => {
    const ids = await append(6, (n) => (n === 2 ? { ttlMs: 1_000, publishedAt: Date.now() - 5_000 } : {}))
    const replay = redisReplay({ redis, stream: STREAM })
    const odd = (event: HubEvent) => Number(event.topics[1]!.split('_')[1]) % 2 === 1
    expect(idsOf(await replay.since(ids[0]!, ids[5]!, odd))).toEqual([ids[1], ids[3], ids[5]])
    expect(idsOf(await replay.since(ids[0]!, ids[5]!, all))).toEqual([ids[1], ids[3], ids[4], ids[5]])
  })

  it('answers replay-gap when entries after the id were trimmed', async () => {
    const ids = await append(20)
    await redis.xtrim(STREAM, 'MAXLEN', 10)
    const replay = redisReplay({ redis, stream: STREAM })
    for (const trimmed of [ids[0]!, ids[8]!, ids[9]!, '0-0']) {
      expect(await replay.since(trimmed, ids[19]!, all)).toEqual({ resync: 'replay-gap' })
    }
    // The oldest entry still there: everything after it is.
    expect(idsOf(await replay.since(ids[10]!, ids[19]!, all))).toEqual(ids.slice(11))
  })

  it('answers replay-gap when entries are trimmed while a resume reads its pages', async () => {
    const ids = await append(50)
    const paging = redisReplay({ redis: trimmingAfterFirstPage(redis), stream: STREAM, pageSize: 10 })
    expect(await paging.since(ids[0]!, ids[49]!, all)).toEqual({ resync: 'replay-gap' })
  })

  it('replays a whole untrimmed stream to a client that connected while it was empty (0-0)', async () => {
    const ids = await append(3)
    const replay = redisReplay({ redis, stream: STREAM })
    expect(idsOf(await replay.since('0-0', ids[2]!, all))).toEqual(ids)
  })

  it('answers replay-gap when the client is further behind than maxEvents', async () => {
    const ids = await append(30)
    const replay = redisReplay({ redis, stream: STREAM, maxEvents: 20, pageSize: 7 })
    expect(await replay.since(ids[0]!, ids[29]!, all)).toEqual({ resync: 'replay-gap' })
    expect(idsOf(await replay.since(ids[9]!, ids[29]!, all))).toEqual(ids.slice(10))
  })

  it('answers replay-gap when the client missed an event older than maxAgeMs', async () => {
    const ids = await append(6, (n) => ({ publishedAt: Date.now() - (n < 3 ? 60_000 : 0) }))
    const replay = redisReplay({ redis, stream: STREAM, maxAgeMs: 30_000 })
    expect(await replay.since(ids[0]!, ids[5]!, all)).toEqual({ resync: 'replay-gap' })
    expect(idsOf(await replay.since(ids[2]!, ids[5]!, all))).toEqual(ids.slice(3))
  })

  it('answers epoch for ids that are not this stream’s', async () => {
    const ids = await append(5)
    await new Promise((resolve) => setTimeout(resolve, 2))
    const [foreign] = await append(1, undefined, 'ssehub:other')
    const replay = redisReplay({ redis, stream: STREAM })
    const head = ids[4]!
    for (const id of ['abc', 'k3j4h5g6f7-12', '1-2-3', '-1-0', '99999999999999999999999-0', '']) {
      expect(await replay.since(id, head, all)).toEqual({ resync: 'epoch' })
    }
    // Well-formed, inside the stream's range, but never issued by it.
    const [ms, seq] = ids[2]!.split('-')
    expect(await replay.since(`${ms}-${Number(seq) + 1000}`, head, all)).toEqual({ resync: 'epoch' })
    // Past this node's head and unknown to the stream: from another stream (or before Redis lost it).
    expect(await replay.since(foreign!, head, all)).toEqual({ resync: 'epoch' })
    await redis.del(STREAM)
    expect(await replay.since(ids[1]!, head, all)).toEqual({ resync: 'epoch' })
  })

  it('answers nothing missed when another node is ahead of this one', async () => {
    const ids = await append(5)
    const replay = redisReplay({ redis, stream: STREAM })
    expect(await replay.since(ids[4]!, ids[2]!, all)).toEqual({ events: [] })
  })

  it('skips entries that are not ssehub events', async () => {
    const [first] = await append(1)
    await redis.xadd(STREAM, '*', 'hello', 'world')
    const [last] = await append(1)
    const replay = redisReplay({ redis, stream: STREAM })
    expect(idsOf(await replay.since(first!, last!, all))).toEqual([last])
  })

  it('answers replay-gap while Redis is unreachable', async () => {
    const ids = await append(3)
    const broken = new Redis({ port: 1, host: '127.0.0.1', retryStrategy: () => 1000 })
    broken.on('error', () => {})
    await new Promise((resolve) => broken.once('reconnecting', resolve))
    const replay = redisReplay({ redis: broken, stream: STREAM })
    expect(await replay.since(ids[0]!, ids[2]!, all)).toEqual({ resync: 'replay-gap' })
    broken.disconnect()
  })
})

/** A client whose first XRANGE is followed by a trim of everything it returned, as a busy stream would. */
function trimmingAfterFirstPage(redis: Redis): Redis {
  let pages = 0
  return new Proxy(redis, {
    get(target, property, receiver) {
      if (property !== 'xrange') return Reflect.get(target, property, receiver)
      return async (...args: Parameters<Redis['xrange']>) => {
        const page = await target.xrange(...args)
        // The first page ends on entry 10, where the second starts: it is trimmed in between.
        if (++pages === 1) await target.xtrim(STREAM, 'MAXLEN', 30)
        return page
      }
    },
  })
}

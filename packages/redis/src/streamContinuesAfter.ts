import type { Redis } from 'ioredis'
import { compareStreamIds, parseStreamId, type StreamId } from './streamId'

/**
 * For an id that is not (or no longer) in the stream: whether every entry after it is still there.
 *
 * - `continuous`: nothing after `id` was ever deleted, so the entries after it are all there — it was the
 *   last trimmed entry, or `'0-0'` and nothing was ever trimmed.
 * - `replay-gap`: entries after `id` were trimmed (or may have been).
 * - `epoch`: this stream never issued `id`: it comes from another stream, or from before Redis lost the
 *   stream (a restart without persistence starts a new one).
 *
 * Redis 7 records the largest id it ever deleted (`max-deleted-entry-id`), which answers exactly; on
 * older servers the first entry gives a conservative answer.
 */
export async function streamContinuesAfter(
  redis: Redis,
  stream: string,
  id: StreamId,
): Promise<'continuous' | 'replay-gap' | 'epoch'> {
  let reply: unknown[]
  try {
    reply = (await redis.xinfo('STREAM', stream)) as unknown[]
  } catch (error) {
    if (/no such key/i.test((error as Error).message)) return 'epoch'
    throw error
  }
  const info = new Map<string, unknown>()
  for (let i = 0; i + 1 < reply.length; i += 2) info.set(String(reply[i]), reply[i + 1])

  const maxDeleted = parseField(info.get('max-deleted-entry-id'))
  if (maxDeleted) {
    const order = compareStreamIds(id, maxDeleted)
    if (order === 0) return 'continuous'
    return order < 0 ? 'replay-gap' : 'epoch'
  }
  const firstEntry = info.get('first-entry') as [string, unknown] | null | undefined
  const first = parseField(firstEntry?.[0])
  if (!first || compareStreamIds(id, first) < 0) return 'replay-gap'
  return 'epoch'
}

function parseField(value: unknown): StreamId | undefined {
  return typeof value === 'string' ? parseStreamId(value) : undefined
}

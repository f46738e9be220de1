import type { Redis } from 'ioredis'
import { compareStreamIds, parseStreamId, type StreamId } from './streamId'

/**
 * For an id that is not in the stream: whether a replay after it can be trusted.
 *
 * - `continuous`: the client connected while the stream was empty (`'0-0'`) and nothing was ever
 *   removed since, so every entry after it is still there.
 * - `replay-gap`: the id is older than the first entry and entries were removed (trimmed): some of what
 *   came after it may be gone. (It may also have been the very last entry trimmed; we can't tell, so we
 *   answer the safe way.)
 * - `epoch`: this stream never issued the id: it comes from another stream, or from before Redis lost the
 *   stream (a restart without persistence starts a new one).
 *
 * "Ever removed" is Redis 7's `entries-added` above `length` (or a `max-deleted-entry-id`, which only
 * XDEL sets); on older servers it is assumed.
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

  const entriesAdded = info.get('entries-added')
  const maxDeleted = parseField(info.get('max-deleted-entry-id'))
  const everRemoved =
    typeof entriesAdded !== 'number' ||
    entriesAdded > Number(info.get('length')) ||
    (maxDeleted !== undefined && !isZero(maxDeleted))
  const first = parseField((info.get('first-entry') as [string, unknown] | null | undefined)?.[0])
  if (first && compareStreamIds(id, first) > 0) return 'epoch'
  if (everRemoved) return 'replay-gap'
  return isZero(id) ? 'continuous' : 'epoch'
}

function parseField(value: unknown): StreamId | undefined {
  return typeof value === 'string' ? parseStreamId(value) : undefined
}

function isZero(id: StreamId): boolean {
  return id.ms === 0n && id.seq === 0n
}

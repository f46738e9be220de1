import type { LogPosition } from '@ssehub/server/engine'
import type { Redis } from 'ioredis'
import type { RawStreamEntry } from './streamEntry'
import { metaKeyOf } from './streamKeys'

/** The stream as one MULTI saw it: its epoch and newest number, its newest entry id, and which Redis process answered. */
export interface StreamSnapshot extends LogPosition {
  /** `'0-0'` for an empty (or missing) stream. */
  newestId: string
  /** Redis' `run_id`: a new one means the server restarted (and may have lost acknowledged writes). */
  runId: string | undefined
}

/** Reads the stream's head in one MULTI, and the server's run id when asked. */
export async function streamSnapshot(
  redis: Redis,
  stream: string,
  withRunId: boolean,
): Promise<StreamSnapshot> {
  const replies = await redis
    .multi()
    .hmget(metaKeyOf(stream), 'epoch', 'seq')
    .xrevrange(stream, '+', '-', 'COUNT', 1)
    .exec()
  if (!replies) throw new Error('the snapshot transaction was aborted')
  for (const [error] of replies) if (error) throw error
  const [epoch, seq] = replies[0]![1] as [string | null, string | null]
  const [newest] = replies[1]![1] as RawStreamEntry[]
  return {
    epoch: epoch ?? undefined,
    seq: Number(seq ?? 0),
    newestId: newest?.[0] ?? '0-0',
    runId: withRunId ? await runIdOf(redis) : undefined,
  }
}

/** The server's `run_id`, or `undefined` where `INFO` is not allowed (then every reconnect counts as a restart). */
async function runIdOf(redis: Redis): Promise<string | undefined> {
  try {
    return /^run_id:(\w+)/m.exec(await redis.info('server'))?.[1]
  } catch {
    return undefined
  }
}

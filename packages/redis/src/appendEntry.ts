import type { Redis } from 'ioredis'
import { metaKeyOf } from './streamKeys'

/**
 * Appends an entry and numbers it, atomically: the stream's metadata hash holds its epoch (made by the
 * first append into an empty Redis, from the candidate the caller sends) and a counter, and every entry
 * carries both as its first fields. A reader that finds the next number missing knows entries were
 * trimmed before it read them; a new epoch, or a number that went backwards, means the stream it read
 * is gone. Redis stream ids alone can't tell either: they are not dense, and a new stream's ids are
 * simply later ones.
 */
const APPEND_LUA = `
redis.call('HSETNX', KEYS[2], 'epoch', ARGV[2])
local epoch = redis.call('HGET', KEYS[2], 'epoch')
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'epoch', epoch, 'seq', seq, unpack(ARGV, 3))
`

const COMMAND = 'ssehubAppend'

type AppendCommand = (
  stream: string,
  metaKey: string,
  maxLen: string,
  epochCandidate: string,
  ...fields: string[]
) => Promise<string | null>

/** Appends `fields` to `stream` (trimmed to about `maxEvents`) with the stream's epoch and next number; resolves to the entry id. */
export async function appendEntry(
  redis: Redis,
  stream: string,
  maxEvents: number,
  fields: string[],
): Promise<string> {
  // defineCommand sends EVALSHA and falls back to EVAL when the script is not cached (after a restart).
  if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: APPEND_LUA })
  const append = (redis as unknown as Record<typeof COMMAND, AppendCommand>)[COMMAND]
  const id = await append.call(redis, stream, metaKeyOf(stream), String(maxEvents), createEpoch(), ...fields)
  if (typeof id !== 'string') throw new Error('XADD returned no id')
  return id
}

/** 12 random base-36 characters (~62 bits): one stream's life in one Redis. */
function createEpoch(): string {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2))
  return (high!.toString(36) + low!.toString(36)).padStart(12, '0').slice(-12)
}

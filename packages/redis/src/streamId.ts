/** A Redis Stream entry id, `<ms>-<seq>`, as two 64-bit unsigned integers. */
export interface StreamId {
  ms: bigint
  seq: bigint
}

const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/
const MAX_U64 = (1n << 64n) - 1n

/** Parses a full stream id (`1700000000000-0`), or returns `undefined` for anything else. */
export function parseStreamId(id: string): StreamId | undefined {
  const match = STREAM_ID.exec(id)
  if (!match) return undefined
  const ms = BigInt(match[1]!)
  const seq = BigInt(match[2]!)
  return ms > MAX_U64 || seq > MAX_U64 ? undefined : { ms, seq }
}

/** Orders two parsed stream ids: negative, zero or positive, as Redis orders them. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1
  return 0
}

/** The canonical text of a parsed id: what Redis itself would print (no leading zeros). */
export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`
}

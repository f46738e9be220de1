import type { LogPosition } from '@ssehub/server/engine'

/** A Postgres engine id: `<epoch>-<seq>`, the stream's epoch (12 base-36 characters) and the entry's number. */
const EVENT_ID = /^([a-z0-9]{12})-(\d{1,15})$/

export function formatEventId(epoch: string, seq: number): string {
  return `${epoch}-${seq}`
}

/** The epoch and number of an id of this engine, or `undefined` for anything else. */
export function parseEventId(id: string): { epoch: string; seq: number } | undefined {
  const match = EVENT_ID.exec(id)
  return match ? { epoch: match[1]!, seq: Number(match[2]) } : undefined
}

/** A position as the id a `connected` frame carries (`<epoch>-0` before the first event). */
export function positionId(position: LogPosition): string {
  return formatEventId(position.epoch ?? '000000000000', position.seq)
}

/** A fresh epoch: 12 random base-36 characters (~62 bits). */
export function createEpoch(): string {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2))
  return (high!.toString(36) + low!.toString(36)).padStart(12, '0').slice(-12)
}

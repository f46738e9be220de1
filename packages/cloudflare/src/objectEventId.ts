/**
 * Event ids of an object: `<epoch>.<seq>`. The epoch is drawn once and kept in the object's storage, and
 * `seq` counts up from the last stored one, so ids go on across restarts; storage that was wiped draws a
 * new epoch, and every id from before it is recognised as foreign (`resync: epoch`).
 */
export interface ObjectEventId {
  epoch: string
  seq: number
}

const OBJECT_ID = /^([0-9a-f]{12})\.(\d{1,15})$/

/** A fresh random epoch: 12 hex characters (48 bits). */
export function createObjectEpoch(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12)
}

export function formatObjectEventId(epoch: string, seq: number): string {
  return `${epoch}.${seq}`
}

/** Parses an id of this engine, or `undefined` when it is not one. */
export function parseObjectEventId(id: string): ObjectEventId | undefined {
  const match = OBJECT_ID.exec(id)
  if (!match) return undefined
  return { epoch: match[1]!, seq: Number(match[2]) }
}

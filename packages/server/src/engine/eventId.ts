/** The memory engine's event ids: `<epoch>-<seq>`, `epoch` random per hub start. */
export interface MemoryEventId {
  epoch: string
  seq: number
}

const MEMORY_ID = /^([a-z0-9]{10})-(\d{1,15})$/

/** A fresh random epoch (10 base-36 characters, ~51 bits). */
export function createEpoch(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value.toString(36).padStart(10, '0').slice(-10)
}

export function formatMemoryEventId(epoch: string, seq: number): string {
  return `${epoch}-${seq}`
}

/** Parses an id of the memory engine, or returns `undefined` when it is not one. */
export function parseMemoryEventId(id: string): MemoryEventId | undefined {
  const match = MEMORY_ID.exec(id)
  if (!match) return undefined
  return { epoch: match[1]!, seq: Number(match[2]) }
}

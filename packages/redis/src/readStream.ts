import type { HubEvent } from '@ssehub/server'
import type { Redis } from 'ioredis'
import { decodeStreamEntry, type RawStreamEntry } from './streamEntry'

export interface ReadStreamOptions {
  /** A connection of its own: XREAD BLOCK holds it. */
  reader: Redis
  stream: string
  blockMs: number
  readCount: number
  isClosed(): boolean
  /** The newest id at start (`'0-0'` for an empty stream): reading begins after it. */
  onStart(lastId: string): void
  /** Every decoded entry, in stream order. */
  onEvent(event: HubEvent): void
}

/** After a failed command, wait this long before the next (Redis reconnects meanwhile). */
const RETRY_DELAY_MS = 250

/**
 * The reading loop of one node: finds the stream's newest id, then blocks on XREAD after the last id
 * read, for as long as the bus is open. A failure (Redis away, restarted) is waited out and reading
 * resumes after the same id, so entries appended meanwhile by other nodes are delivered.
 */
export function readStream(options: ReadStreamOptions): { started: Promise<void>; done: Promise<void> } {
  const { reader, stream, blockMs, readCount, isClosed } = options
  let markStarted!: () => void
  const started = new Promise<void>((resolve) => {
    markStarted = resolve
  })

  async function newestId(): Promise<string | undefined> {
    while (!isClosed()) {
      try {
        const [newest] = (await reader.xrevrange(stream, '+', '-', 'COUNT', 1)) as RawStreamEntry[]
        return newest?.[0] ?? '0-0'
      } catch {
        await pause()
      }
    }
    return undefined
  }

  async function run(): Promise<void> {
    let lastId = await newestId()
    if (lastId === undefined) return markStarted()
    options.onStart(lastId)
    markStarted()
    while (!isClosed()) {
      let reply: Array<[key: string, entries: RawStreamEntry[]]> | null
      try {
        reply = await reader.xread('COUNT', readCount, 'BLOCK', blockMs, 'STREAMS', stream, lastId)
      } catch {
        if (!isClosed()) await pause()
        continue
      }
      for (const [, entries] of reply ?? []) {
        for (const entry of entries) {
          if (isClosed()) return
          lastId = entry[0]
          const event = decodeStreamEntry(entry)
          if (event) options.onEvent(event)
          else console.warn(`[ssehub/redis] skipped stream entry ${entry[0]}: not an ssehub event`)
        }
      }
    }
  }

  const done = run().catch((error: unknown) => {
    console.error('[ssehub/redis] the stream reader stopped', error)
  })
  return { started, done }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS))
}

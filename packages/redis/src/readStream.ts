import {
  type BusGap,
  entryContinuity,
  type HubEvent,
  headContinuity,
  type LogPosition,
} from '@ssehub/server/engine'
import type { Redis } from 'ioredis'
import { decodeStreamEntry, type RawStreamEntry } from './streamEntry'
import { compareStreamIds, parseStreamId } from './streamId'
import { streamSnapshot } from './streamSnapshot'

export interface ReadStreamOptions {
  /** A connection of its own: XREAD BLOCK holds it. */
  reader: Redis
  stream: string
  blockMs: number
  readCount: number
  isClosed(): boolean
  /** The newest id at start (`'0-0'` for an empty stream): reading begins after it. */
  onStart(lastId: string): void
  /** Every decoded event, in stream order. */
  onEvent(event: HubEvent): void
  /**
   * Continuity broke (see `Bus.onGap`). `headId`, when given, is where reading goes on from: a gap
   * marker's id, or the head of a stream that replaced the one read so far.
   */
  onGap(gap: BusGap, headId?: string): void
}

/** After a failed command, wait this long before the next (Redis reconnects meanwhile). */
const RETRY_DELAY_MS = 250

/**
 * The reading loop of one node: takes a snapshot of the stream (its epoch, newest number and id, and
 * the Redis run id), then blocks on XREAD after the last id read, for as long as the bus is open.
 *
 * Continuity is checked, never assumed. Every entry must carry the next number of the same epoch (a
 * higher one: entries were trimmed before this node read them, it lagged past `maxEvents`; another epoch
 * or a lower one: the stream was replaced). After a reconnect, and whenever a read comes back empty,
 * a new snapshot must show the same stream (else `epoch`, and reading moves to the new stream's head),
 * and after a reconnect the same Redis process (else `replay-gap`: a restarted or failed-over Redis may
 * have lost writes it had acknowledged). A gap marker in the stream (a publish failed somewhere) is a
 * `replay-gap` too.
 */
export function readStream(options: ReadStreamOptions): { started: Promise<void>; done: Promise<void> } {
  const { reader, stream, blockMs, readCount, isClosed } = options
  let markStarted!: () => void
  const started = new Promise<void>((resolve) => {
    markStarted = resolve
  })
  let position: LogPosition = { epoch: undefined, seq: 0 }
  let lastId = '0-0'
  let runId: string | undefined
  // Set by every lost connection: the next command first proves the position.
  let lost = false
  const onClose = () => {
    lost = true
  }

  async function firstSnapshot(): Promise<boolean> {
    while (!isClosed()) {
      try {
        const snapshot = await streamSnapshot(reader, stream, true)
        position = { epoch: snapshot.epoch, seq: snapshot.seq }
        lastId = snapshot.newestId
        runId = snapshot.runId
        lost = false
        return true
      } catch {
        await pause()
      }
    }
    return false
  }

  /**
   * Whether the stream is still the one read so far; when not, reports a gap, moves to its head and
   * returns `true` (what was read before the snapshot is then dropped: the clients resync anyway).
   */
  async function verify(afterReconnect: boolean): Promise<boolean> {
    const snapshot = await streamSnapshot(reader, stream, afterReconnect)
    const restarted = afterReconnect && (runId === undefined || snapshot.runId !== runId)
    if (afterReconnect) runId = snapshot.runId
    const wentBack = compareStreamIds(parseStreamId(snapshot.newestId)!, parseStreamId(lastId)!) < 0
    if (headContinuity(position, snapshot) === 'epoch' || wentBack) {
      position = { epoch: snapshot.epoch, seq: snapshot.seq }
      lastId = snapshot.newestId
      options.onGap({ reason: 'epoch', detail: `the stream ${stream} was reset or replaced` }, lastId)
      return true
    }
    if (restarted) {
      options.onGap({
        reason: 'replay-gap',
        detail: 'Redis restarted or failed over: writes it acknowledged may be lost',
      })
    }
    return false
  }

  function take(entries: RawStreamEntry[]): void {
    for (const entry of entries) {
      if (isClosed()) return
      lastId = entry[0]
      const record = decodeStreamEntry(entry)
      if (!record) {
        console.warn(`[ssehub/redis] skipped stream entry ${entry[0]}: not an ssehub event`)
        continue
      }
      const continuity = entryContinuity(position, record)
      position = { epoch: record.epoch, seq: record.seq }
      if (continuity !== 'next') {
        const detail =
          continuity === 'epoch'
            ? `the stream ${stream} was replaced`
            : `entries of ${stream} were trimmed before this node read them`
        options.onGap({ reason: continuity, detail })
      }
      if (record.kind === 'gap') {
        options.onGap({ reason: 'replay-gap', detail: `a publish failed (${record.detail})` }, record.id)
      } else {
        options.onEvent(record.event)
      }
    }
  }

  async function run(): Promise<void> {
    if (!(await firstSnapshot())) return markStarted()
    reader.on('close', onClose)
    options.onStart(lastId)
    markStarted()
    try {
      while (!isClosed()) {
        try {
          // An XREAD outstanding when the connection drops is sent again after the reconnect (the reader
          // has ioredis' offline queue and resend on): its answer is only taken once the position is proven.
          const reply = (await reader.xread(
            'COUNT',
            readCount,
            'BLOCK',
            blockMs,
            'STREAMS',
            stream,
            lastId,
          )) as Array<[key: string, entries: RawStreamEntry[]]> | null
          if (isClosed()) return
          if (lost) {
            lost = false
            if (await verify(true)) continue
          } else if (reply === null && (await verify(false))) continue
          for (const [, entries] of reply ?? []) take(entries)
        } catch {
          lost = true
          if (!isClosed()) await pause()
        }
      }
    } finally {
      reader.off('close', onClose)
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

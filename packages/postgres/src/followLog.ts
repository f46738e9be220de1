import {
  type BusGap,
  entryContinuity,
  type HubEvent,
  headContinuity,
  type LogPosition,
} from '@ssehub/server/engine'
import type { Pool } from 'pg'
import { decodeRow } from './eventRow'
import { readLog } from './readLog'
import type { Tables } from './tables'

export interface FollowLogOptions {
  pool: Pool
  tables: Tables
  stream: string
  readCount: number
  /** Makes sure the stream's row exists (a fresh epoch when it was missing). */
  ensureStream(): Promise<void>
  onEvent(event: HubEvent): void
  /** Continuity broke; `position`, when given, is where reading goes on from. */
  onGap(gap: BusGap, position?: LogPosition): void
}

/**
 * One node's reading of the log. `read()` takes everything after the node's position (in pages of
 * `readCount`) and checks it: the stream must still have the epoch the position has and a number at
 * least as high (else `epoch`, and reading goes on from the new epoch's start), every entry must carry the next
 * number (else `replay-gap`: entries were trimmed before this node read them), a gap marker is a
 * `replay-gap`, and a server that restarted since the last read is one too (it may have lost commits it
 * acknowledged, with `synchronous_commit` off or after a failover). Reads never overlap.
 */
export function followLog(options: FollowLogOptions) {
  const { pool, tables, stream, readCount } = options
  let position: LogPosition = { epoch: undefined, seq: 0 }
  let serverStart: string | undefined

  /** One page; resolves `true` when there may be more to read at once. */
  async function readPage(): Promise<boolean> {
    const read = await readLog(pool, tables, stream, position, readCount)
    const restarted = serverStart !== undefined && read.serverStart !== serverStart
    serverStart = read.serverStart
    if (headContinuity(position, read.head) === 'epoch') {
      // Everything of the new epoch comes after the break: it is read from its first entry.
      position = { epoch: read.head.epoch, seq: 0 }
      options.onGap({ reason: 'epoch', detail: `the stream ${stream} was reset or truncated` }, position)
      if (read.head.epoch === undefined) await options.ensureStream()
      return true
    }
    if (restarted) {
      options.onGap({
        reason: 'replay-gap',
        detail: 'PostgreSQL restarted: commits it acknowledged may be lost',
      })
    }
    if (position.epoch === undefined) {
      // A stream made since this node started reading (or since a wipe): its entries start after ours.
      if (read.head.epoch === undefined) await options.ensureStream()
      else position = { epoch: read.head.epoch, seq: position.seq }
      return true
    }
    const epoch = position.epoch
    for (const row of read.rows) {
      const record = decodeRow(epoch, row)
      const seq = Number(row.seq)
      const continuity = entryContinuity(position, { epoch, seq })
      position = { epoch, seq }
      if (continuity !== 'next') {
        options.onGap({
          reason: continuity,
          detail: `entries of ${stream} were trimmed before this node read them`,
        })
      }
      if (!record) console.warn(`[ssehub/postgres] skipped entry ${seq} of ${stream}: not an ssehub event`)
      else if (record.kind === 'gap')
        options.onGap({ reason: 'replay-gap', detail: `a publish failed (${record.detail})` }, position)
      else options.onEvent(record.event)
    }
    if (read.rows.length === 0 && read.head.seq > position.seq) {
      position = read.head
      options.onGap(
        { reason: 'replay-gap', detail: `entries of ${stream} were trimmed before this node read them` },
        position,
      )
    }
    return read.rows.length === readCount
  }

  return {
    get position(): LogPosition {
      return position
    },
    /** Takes the stream's current head as the starting point, without delivering what is already there. */
    async start(): Promise<void> {
      await options.ensureStream()
      const read = await readLog(pool, tables, stream, { epoch: undefined, seq: 0 }, 1)
      position = read.head
      serverStart = read.serverStart
    },
    /** Reads until caught up. Rejects when the database can't be read; the position stays where it was. */
    async read(isClosed: () => boolean): Promise<void> {
      while (!isClosed() && (await readPage())) {}
    },
  }
}

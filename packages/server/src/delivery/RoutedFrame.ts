import type { HubEvent } from '../events'
import { concatBytes } from '../wire/bytes'
import { encodeFrameBytes, encodeIdField } from '../wire/encodeFrame'

/** The frame of an event on the wire: `id`, `event`, `data`. */
export function encodeEvent(event: HubEvent): Uint8Array {
  return encodeFrameBytes({ id: event.id, event: event.type, data: event.data })
}

/**
 * An event ready for connections, encoded once for all of them: `bytes` carries the event's id, and
 * `bytesWithoutId` (encoded on first use) leaves it out — for flushed lane frames, which a `cursor` frame
 * follows, and as the body of `bytesWithId` for a frame that overtakes pending frames of older ids.
 */
export class RoutedFrame {
  readonly event: HubEvent
  readonly bytes: Uint8Array
  #bytesWithoutId: Uint8Array | undefined

  constructor(event: HubEvent) {
    this.event = event
    this.bytes = encodeEvent(event)
  }

  get bytesWithoutId(): Uint8Array {
    this.#bytesWithoutId ??= encodeFrameBytes({ event: this.event.type, data: this.event.data })
    return this.#bytesWithoutId
  }

  /** The frame with another id than the event's: a connection's resume token (see `ResumeCursor`). */
  bytesWithId(id: string): Uint8Array {
    return concatBytes([encodeIdField(id), this.bytesWithoutId])
  }
}

/**
 * The frame that moves a client's resume cursor (its `Last-Event-ID`) without being an event of its own:
 * written after a flush whose frames went out without ids. Clients ignore the `cursor` type.
 */
export function cursorFrameBytes(id: string): Uint8Array {
  return encodeFrameBytes({ id, event: 'cursor', data: '' })
}

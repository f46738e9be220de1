import { formatResumeToken } from '../wire/resumeToken'

/**
 * Where a client resumes from: the id it holds (its `Last-Event-ID`), such that every frame routed to it
 * up to that id has been written (or given up, with a `resync` owed).
 *
 * Lanes cross on the wire: an instant frame overtakes pending batched and coalesced frames of older ids.
 * Such a frame carries a two-part token, `<written>~<its id>`: a resume replays after `written` and skips
 * the instant events up to its id, which the client already has — so a resume is exact under mixed-lane
 * traffic, not only when the lanes happen to be empty. A flush ends with a `cursor` frame that moves the
 * client to the newest id routed.
 */
export class ResumeCursor {
  /** Every frame routed up to this id is written. */
  #written: string
  /** The newest id routed to the connection, in any lane. */
  #routed: string

  constructor(headId: string) {
    this.#written = headId
    this.#routed = headId
  }

  /** The client's resume point now. */
  get written(): string {
    return this.#written
  }

  /** Notes an event routed to the connection (written, pending or given up). */
  routed(eventId: string): void {
    this.#routed = eventId
  }

  /**
   * The id an instant frame written now carries: its own, or — while frames of older ids are still
   * pending (`overtaking`) — a token that does not move the resume point past them.
   */
  instantFrameId(eventId: string, overtaking: boolean): string {
    if (overtaking) return formatResumeToken(this.#written, eventId)
    this.#written = eventId
    return eventId
  }

  /** After the pending lanes were written: the id the closing `cursor` frame carries, if the point moved. */
  flushed(): string | undefined {
    if (this.#routed === this.#written) return undefined
    this.#written = this.#routed
    return this.#written
  }
}

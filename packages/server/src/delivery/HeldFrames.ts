import type { RoutedFrame } from './RoutedFrame'

/**
 * Live frames routed to a connection while its opening (replay, `connected`) is being prepared, kept in
 * order and bounded in bytes: a resume that waits on a slow replay store cannot grow without limit.
 */
export class HeldFrames {
  readonly #limitBytes: number
  #frames: RoutedFrame[] = []
  #bytes = 0

  constructor(limitBytes: number) {
    this.#limitBytes = limitBytes
  }

  get bytes(): number {
    return this.#bytes
  }

  /** Keeps `frame`; `false` (keeping nothing) when it would pass the limit. */
  push(frame: RoutedFrame): boolean {
    const bytes = frame.bytes.byteLength
    if (this.#bytes + bytes > this.#limitBytes) return false
    this.#frames.push(frame)
    this.#bytes += bytes
    return true
  }

  /** Every frame held, in order; the holder is empty afterwards. */
  take(): RoutedFrame[] {
    const frames = this.#frames
    this.#frames = []
    this.#bytes = 0
    return frames
  }
}

import { HubError } from '../HubError'

/** The fields of one SSE frame, written in the order `retry`, `id`, `event`, `data`. */
export interface Frame {
  id?: string
  event?: string
  /** Sent as one `data:` line per line of text (CRLF, CR and LF all split). */
  data?: string
  retry?: number
}

const LINE_BREAK = /[\r\n]/
const encoder = new TextEncoder()

/**
 * Encodes one Server-Sent Events frame, ending in the blank line that dispatches it.
 * Throws a `HubError` when `id` or `event` contains CR or LF, which would let a value forge fields.
 *
 * @example
 * encodeFrame({ id: '1', event: 'invalidate', data: '{"resource":"orders"}' })
 * // 'id: 1\nevent: invalidate\ndata: {"resource":"orders"}\n\n'
 */
export function encodeFrame(frame: Frame): string {
  let out = ''
  if (frame.retry !== undefined) {
    if (!Number.isInteger(frame.retry) || frame.retry < 0) {
      throw new HubError('bad_request', `retry must be a non-negative integer, got ${frame.retry}`)
    }
    out += `retry: ${frame.retry}\n`
  }
  if (frame.id !== undefined) {
    if (LINE_BREAK.test(frame.id)) throw new HubError('bad_request', 'An event id may not contain CR or LF')
    out += `id: ${frame.id}\n`
  }
  if (frame.event !== undefined) {
    if (LINE_BREAK.test(frame.event))
      throw new HubError('bad_request', 'An event type may not contain CR or LF')
    out += `event: ${frame.event}\n`
  }
  if (frame.data !== undefined) {
    for (const line of frame.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  }
  return `${out}\n`
}

/** One `id:` line, to put in front of a frame encoded without one. Throws on CR or LF, as `encodeFrame` does. */
export function encodeIdField(id: string): Uint8Array {
  if (LINE_BREAK.test(id)) throw new HubError('bad_request', 'An event id may not contain CR or LF')
  return encoder.encode(`id: ${id}\n`)
}

/** `encodeFrame` as UTF-8 bytes: what the hub writes, once per event, to every matching connection. */
export function encodeFrameBytes(frame: Frame): Uint8Array {
  return encoder.encode(encodeFrame(frame))
}

/** The heartbeat: an SSE comment, ignored by every client but enough to keep proxies and timers alive. */
export const HEARTBEAT_BYTES: Uint8Array = encoder.encode(': hb\n\n')

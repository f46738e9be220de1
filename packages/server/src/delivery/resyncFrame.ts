import type { ResyncReason } from '../events'
import { encodeFrameBytes } from '../wire/encodeFrame'

const FRAMES: Record<ResyncReason, Uint8Array> = {
  overflow: encodeFrameBytes({ event: 'resync', data: '{"reason":"overflow"}' }),
  'replay-gap': encodeFrameBytes({ event: 'resync', data: '{"reason":"replay-gap"}' }),
  epoch: encodeFrameBytes({ event: 'resync', data: '{"reason":"epoch"}' }),
}

/** The `resync` frame for `reason`, encoded once. */
export function resyncFrameBytes(reason: ResyncReason): Uint8Array {
  return FRAMES[reason]
}

import { coalesceReplay } from '../delivery/coalesceReplay'
import { encodeEvent } from '../delivery/RoutedFrame'
import { resyncFrameBytes } from '../delivery/resyncFrame'
import type { ReplayStore } from '../engine/ReplayStore'
import type { HubEvent, ResyncReason } from '../events'
import { concatBytes } from '../wire/bytes'
import { encodeFrameBytes } from '../wire/encodeFrame'
import type { ResumePoint } from '../wire/resumeToken'

/** What a stream's opening needs to know. */
export interface OpeningRequest {
  connectionId: string
  topics: readonly string[]
  /** Where the client resumes, when it sent a `Last-Event-ID`. */
  resume: ResumePoint | undefined
  /** The bus's head when the connection was registered: what `connected` carries. */
  headId: string
  /** The live filter of the connection (topic AND group): replay applies exactly it. */
  matches(event: HubEvent): boolean
}

export interface OpeningSettings {
  retryMs: number
  heartbeatMs: number
  /** The opening never takes more than this: a replay that would is answered with `resync` instead. */
  bufferBytes: number
}

/** The first bytes of a stream, and what they told the client. */
export interface Opening {
  bytes: Uint8Array
  replayed: number
  resync: ResyncReason | undefined
}

const encoder = new TextEncoder()

/**
 * The opening of a stream: the replay of what a resuming client missed (or a `resync` when that is not
 * possible or would not fit in `bufferBytes` — refetching what it watches is then cheaper than replaying
 * that many signals), then `connected` with the head id. The `retry:` field rides on the first frame, so no
 * block of the stream is without an event.
 */
export async function openingFrames(
  request: OpeningRequest,
  replay: ReplayStore,
  settings: OpeningSettings,
): Promise<Opening> {
  const retry = encoder.encode(`retry: ${settings.retryMs}\n`)
  const connected = (resumed: boolean) =>
    encodeFrameBytes({
      id: request.headId,
      event: 'connected',
      data: JSON.stringify({
        connectionId: request.connectionId,
        topics: request.topics,
        heartbeatMs: settings.heartbeatMs,
        resumed,
      }),
    })
  const { resume } = request
  if (!resume) return { bytes: concatBytes([retry, connected(false)]), replayed: 0, resync: undefined }

  const missed = await replay.since(resume.after, request.headId, request.matches)
  const budgetBytes = settings.bufferBytes - retry.byteLength - connected(false).byteLength
  const frames = 'resync' in missed ? undefined : replayFrames(missed.events, resume, budgetBytes)
  if (!frames) {
    const resync = 'resync' in missed ? missed.resync : 'replay-gap'
    return { bytes: concatBytes([retry, resyncFrameBytes(resync), connected(false)]), replayed: 0, resync }
  }
  return {
    bytes: concatBytes([retry, ...frames, connected(true)]),
    replayed: frames.length,
    resync: undefined,
  }
}

/**
 * The frames of a replay, coalesced as live delivery would have (instant events up to `instantThrough`
 * were written to the client already), or `undefined` as soon as they pass `budgetBytes`.
 */
function replayFrames(
  events: readonly HubEvent[],
  resume: ResumePoint,
  budgetBytes: number,
): Uint8Array[] | undefined {
  const coalesced = coalesceReplay(events)
  const sentThrough =
    resume.instantThrough === undefined ? -1 : lastIndexOfId(coalesced, resume.instantThrough)
  const frames: Uint8Array[] = []
  let totalBytes = 0
  for (let i = 0; i < coalesced.length; i++) {
    const event = coalesced[i]!
    if (i <= sentThrough && event.lane === 'instant') continue
    const frame = encodeEvent(event)
    totalBytes += frame.byteLength
    if (totalBytes > budgetBytes) return undefined
    frames.push(frame)
  }
  return frames
}

/** Where `id` is among `events`, or -1 (then nothing is assumed sent: at-least-once, never a loss). */
function lastIndexOfId(events: readonly HubEvent[], id: string): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.id === id) return i
  return -1
}

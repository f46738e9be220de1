import type { Context } from 'hono'
import type { Principal } from '../auth/Principal'
import { Connection, type ConnectionInit, type DeliverySettings } from '../delivery/Connection'
import { coalesceReplay } from '../delivery/coalesceReplay'
import { encodeEvent } from '../delivery/RoutedFrame'
import type { Scheduler } from '../delivery/Scheduler'
import type { Bus } from '../engine/Bus'
import type { ReplayStore } from '../engine/ReplayStore'
import type { HubCounters } from '../HubStats'
import { eventMatches, type Router } from '../routing/Router'
import { directSink, type NodeResponseLike } from '../transport/NodeResponseSink'
import { webStreamSink } from '../transport/Sink'
import { concatBytes } from '../wire/bytes'
import { encodeFrameBytes } from '../wire/encodeFrame'
import type { StreamRequest } from './parseStreamRequest'

/** The parts of a hub a new stream plugs into. */
export interface StreamContext {
  bus: Bus
  replay: ReplayStore
  router: Router
  scheduler: Scheduler
  counters: HubCounters
  settings: DeliverySettings & { retryMs: number; directWrite: boolean }
  onClosed: ConnectionInit['onClosed']
  /** The connection is registered (synchronously after the limits were checked): count it, plan its rotation. */
  onOpened(connection: Connection, principal: Principal): void
}

const STREAM_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
}

/**
 * Opens the SSE response for an accepted request: registers the connection, then writes the retry
 * field, the replay (or a `resync`), and `connected`, in that order, before any live event.
 */
export async function openStream(
  c: Context,
  ctx: StreamContext,
  request: StreamRequest,
  identity: { id: string; metadata: Record<string, string> },
  principal: Principal,
): Promise<Response> {
  const outgoing = ctx.settings.directWrite ? nodeResponse(c) : undefined
  const direct = outgoing ? directSink(outgoing) : undefined
  const { sink, body } = direct ?? webStreamSink(c.req.raw.signal)
  const response = new Response(body, { headers: STREAM_HEADERS })

  const connection = new Connection({
    id: identity.id,
    topics: request.topics,
    metadata: metadataOf(identity.metadata),
    sink,
    settings: ctx.settings,
    scheduler: ctx.scheduler,
    observer: ctx.counters,
    onClosed: ctx.onClosed,
  })
  // Registered before the replay is read, and holding live events until the opening is written,
  // so an event published while an asynchronous replay store answers is neither lost nor reordered.
  connection.hold()
  ctx.router.add(connection)
  ctx.onOpened(connection, principal)
  const headId = ctx.bus.headId()
  const opening: Uint8Array[] = [encodeFrameBytes({ retry: ctx.settings.retryMs })]
  let resumed = false
  if (request.lastEventId !== undefined) {
    const result = await ctx.replay.since(request.lastEventId, headId, (event) =>
      eventMatches(event, connection),
    )
    if ('resync' in result) {
      opening.push(encodeFrameBytes({ event: 'resync', data: JSON.stringify({ reason: result.resync }) }))
      ctx.counters.onResync(result.resync)
    } else {
      for (const event of coalesceReplay(result.events)) opening.push(encodeEvent(event))
      ctx.counters.onReplayed(result.events.length)
      resumed = true
    }
  }
  const connected = {
    connectionId: connection.id,
    topics: request.topics,
    heartbeatMs: ctx.settings.heartbeatMs,
    resumed,
  }
  opening.push(encodeFrameBytes({ id: headId, event: 'connected', data: JSON.stringify(connected) }))
  const openingBytes = concatBytes(opening)
  if (!direct) {
    connection.open(openingBytes, headId)
    return response
  }
  // Hono, its middleware and @hono/node-server write the head from our Response; our bytes follow it.
  direct.sink.afterHead((res) => {
    if (res.getHeader('content-encoding') === undefined) {
      connection.open(openingBytes, headId)
      return direct.sink.releaseBody()
    }
    console.error(
      '[ssehub] a middleware encodes /events (compression?): exclude it, or set directWrite: false',
    )
    connection.close('server-close')
  })
  return response
}

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})

/** A frozen copy of a connection's metadata; connections without any share one empty object. */
function metadataOf(metadata: Record<string, string>): Readonly<Record<string, string>> {
  return Object.keys(metadata).length === 0 ? NO_METADATA : Object.freeze({ ...metadata })
}

function nodeResponse(c: Context): NodeResponseLike | undefined {
  const outgoing = (c.env as { outgoing?: NodeResponseLike } | undefined)?.outgoing
  return outgoing && typeof outgoing.getHeader === 'function' && typeof outgoing.write === 'function'
    ? outgoing
    : undefined
}

import type { Context } from 'hono'
import { assertUnexpired } from '../auth/assertUnexpired'
import type { Principal } from '../auth/Principal'
import { authorizeTopics } from '../auth/topicAuthorization'
import type { DeliverySettings } from '../delivery/Connection'
import type { Scheduler } from '../delivery/Scheduler'
import type { Bus } from '../engine/Bus'
import type { ReplayStore } from '../engine/ReplayStore'
import { HubError } from '../HubError'
import type { HubCounters } from '../HubStats'
import type { Logger } from '../Logger'
import { eventMatches } from '../routing/Router'
import { assertPattern } from '../routing/topics'
import { toErrorResponse } from '../toErrorResponse'
import { isHttp2 } from '../transport/isHttp2'
import { streamHeaders } from '../transport/streamHeaders'
import { streamTransportFor } from '../transport/streamTransportFor'
import { newestSeen, parseResumeToken } from '../wire/resumeToken'
import { openingFrames } from './openingFrames'
import { parseStreamRequest } from './parseStreamRequest'
import { drainTiming, rotationDelayMs } from './retirement'
import { StreamEnded, type StreamLifecycle } from './StreamLifecycle'
import type { StreamRegistry } from './StreamRegistry'

/** What a connection looks like to `onConnect`: topics and metadata may still be changed. */
export interface PendingConnection {
  readonly id: string
  topics: string[]
  metadata: Record<string, string>
  readonly principal: Readonly<Principal>
}

/** Everything the `GET /events` handler needs from its hub. */
export interface StreamHandlerContext {
  streams: StreamRegistry
  bus: Bus
  replay: ReplayStore
  scheduler: Scheduler
  counters: HubCounters
  settings: DeliverySettings & { retryMs: number; directWrite: boolean; maxLifetimeMs: number | undefined }
  maxTopicsPerConnection: number
  logger: Logger
  resolvePrincipal(c: Context): Promise<Principal>
  onConnect?: (c: Context, connection: PendingConnection) => void | Promise<void>
}

/**
 * The handler of `GET /events`. Each request is one `StreamLifecycle`: refused with a precise JSON error
 * (draining, bad topics, credentials, topics not allowed, limits), shaped by `onConnect`, registered,
 * given its opening (replay or `resync`, then `connected`), and opened — with every await of the way
 * abandoned the moment the client leaves or the hub drains or closes. `HEAD` gets the headers, no stream.
 */
export function createStreamHandler(ctx: StreamHandlerContext) {
  return async function ssehubStream(c: Context): Promise<Response> {
    if (c.req.raw.method === 'HEAD') return headResponse(ctx, c)
    const { directWrite, heartbeatMs } = ctx.settings
    const stream = ctx.streams.begin(streamTransportFor(c, { directWrite, goodbyeMs: heartbeatMs }))
    try {
      return await runOpening(ctx, c, stream)
    } catch (error) {
      stream.end(error instanceof StreamEnded ? error.reason : 'error')
      return refusal(ctx, error, stream)
    }
  }
}

async function runOpening(ctx: StreamHandlerContext, c: Context, stream: StreamLifecycle) {
  ctx.streams.assertAccepting()
  const request = parseStreamRequest(c.req.raw, ctx.maxTopicsPerConnection)
  const principal = await stream.step(authenticated(ctx, c))
  authorizeTopics(request.topics, principal)
  const pending: PendingConnection = {
    id: stream.id,
    topics: request.topics,
    metadata: { ...principal.metadata },
    principal,
  }
  if (ctx.onConnect) await stream.step(runOnConnect(ctx, c, pending))
  const resume = request.lastEventId === undefined ? undefined : parseResumeToken(request.lastEventId)
  // A client resuming on a node that is behind the one that served it waits for this node to catch up.
  if (resume && ctx.bus.catchUp) await stream.step(ctx.bus.catchUp(newestSeen(resume)))

  // The last await before registration is behind us: admission (draining, limits) is decided now, and
  // nothing awaits between it and the count, so concurrent requests can't overshoot a limit.
  const { settings } = ctx
  const connection = stream.register({
    id: stream.id,
    topics: pending.topics,
    metadata: metadataOf(pending.metadata),
    settings,
    scheduler: ctx.scheduler,
    observer: ctx.counters,
  })
  // Registered before the replay is read and holding live events until the opening is written, so an
  // event published while an asynchronous replay store answers is neither lost nor reordered.
  const headId = ctx.bus.headId()
  const opening = await stream.step(
    openingFrames(
      {
        connectionId: connection.id,
        topics: pending.topics,
        resume,
        headId,
        matches: (event) => eventMatches(event, connection),
      },
      ctx.replay,
      settings,
    ),
  )
  if (opening.resync) ctx.counters.onResync(opening.resync)
  ctx.counters.onReplayed(opening.replayed)

  const response = stream.open(opening.bytes, headId)
  const rotateInMs = rotationDelayMs(settings.maxLifetimeMs, principal.expiresAt)
  if (rotateInMs !== Number.POSITIVE_INFINITY) {
    stream.retire('rotation', ctx.scheduler.now() + rotateInMs, drainTiming(settings.retryMs))
  }
  return response
}

/**
 * `HEAD /events`: the answer a `GET` would get, as far as it is known without opening a stream. A
 * single-use ticket is not spent (a prefetch would otherwise make the real request a 401), so with one
 * only the request's shape is checked.
 */
async function headResponse(ctx: StreamHandlerContext, c: Context): Promise<Response> {
  try {
    ctx.streams.assertAccepting()
    const request = parseStreamRequest(c.req.raw, ctx.maxTopicsPerConnection)
    if (c.req.query('ticket') === undefined) authorizeTopics(request.topics, await authenticated(ctx, c))
    // No cookie in an empty preset: every value is a string.
    return new Response(null, { headers: streamHeaders(new Headers(), isHttp2(c)) as Record<string, string> })
  } catch (error) {
    return toErrorResponse(error, ctx.logger, 'opening a stream')
  }
}

async function authenticated(ctx: StreamHandlerContext, c: Context): Promise<Principal> {
  try {
    const principal = await ctx.resolvePrincipal(c)
    // An expired one would get a stream rotated at once: the client would be back with it at once.
    assertUnexpired(principal)
    return principal
  } catch (error) {
    if (error instanceof HubError) ctx.counters.onAuthFailure(error.code)
    throw error
  }
}

async function runOnConnect(
  ctx: StreamHandlerContext,
  c: Context,
  pending: PendingConnection,
): Promise<void> {
  try {
    await ctx.onConnect?.(c, pending)
  } catch (error) {
    if (error instanceof HubError) throw error
    throw new HubError('internal', 'Internal error', { status: 500, cause: error })
  }
  const topics = [...new Set(pending.topics)]
  if (topics.length === 0)
    throw new HubError('internal', 'onConnect left the connection without topics', { status: 500 })
  for (const topic of topics) {
    try {
      assertPattern(topic)
    } catch (error) {
      throw new HubError('internal', `onConnect added a bad topic: ${(error as Error).message}`, {
        status: 500,
      })
    }
  }
  for (const [key, value] of Object.entries(pending.metadata)) {
    if (typeof value !== 'string')
      throw new HubError('internal', `onConnect set metadata.${key} to a non-string`, { status: 500 })
  }
  pending.topics = topics
}

/** The answer to a request whose stream ended before it opened. */
function refusal(ctx: StreamHandlerContext, error: unknown, stream: StreamLifecycle): Response {
  if (!(error instanceof StreamEnded)) return toErrorResponse(error, ctx.logger, 'opening a stream')
  switch (stream.endedBy) {
    case 'drain':
      return new HubError('draining', 'This server is shutting down: reconnect to another', {
        status: 503,
        retryAfterSec: 1 + Math.floor(Math.random() * 5),
      }).getResponse()
    case 'server-close':
      return new HubError('hub_closed', 'The hub is closed', { status: 503, retryAfterSec: 1 }).getResponse()
    default:
      // The client is gone: nobody reads this.
      return new HubError('client_gone', 'The client left', { status: 499 }).getResponse()
  }
}

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})

/** A frozen copy of a connection's metadata; connections without any share one empty object. */
function metadataOf(metadata: Record<string, string>): Readonly<Record<string, string>> {
  return Object.keys(metadata).length === 0 ? NO_METADATA : Object.freeze({ ...metadata })
}

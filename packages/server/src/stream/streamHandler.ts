import type { Context } from 'hono'
import type { Principal } from '../auth/Principal'
import { authorizeTopics } from '../auth/topicAuthorization'
import { HubError } from '../HubError'
import type { HubCounters } from '../HubStats'
import { assertPattern } from '../routing/topics'
import { openStream, type StreamContext } from './openStream'
import { parseStreamRequest } from './parseStreamRequest'

/** What a connection looks like to `onConnect`: topics and metadata may still be changed. */
export interface PendingConnection {
  readonly id: string
  topics: string[]
  metadata: Record<string, string>
  readonly principal: Readonly<Principal>
}

/** Everything the `GET /events` handler needs from its hub. */
export interface StreamHandlerContext extends StreamContext {
  counters: HubCounters
  resolvePrincipal(c: Context): Promise<Principal>
  admit(principal: Principal, metadata: Record<string, string>): void
  onConnect?: (c: Context, connection: PendingConnection) => void | Promise<void>
  maxTopicsPerConnection: number
  isDraining(): boolean
}

/**
 * The handler of `GET /events`: refuses what it must with a precise JSON error (draining, bad topics,
 * credentials, topics not allowed, limits), lets `onConnect` shape the connection, then opens the stream.
 */
export function createStreamHandler(ctx: StreamHandlerContext) {
  return async function ssehubStream(c: Context): Promise<Response> {
    try {
      if (ctx.isDraining()) {
        throw new HubError('draining', 'This server is shutting down: reconnect to another', {
          status: 503,
          retryAfterSec: 1 + Math.floor(Math.random() * 5),
        })
      }
      const request = parseStreamRequest(c.req.raw, ctx.maxTopicsPerConnection)
      const principal = await authenticated(ctx, c)
      authorizeTopics(request.topics, principal)
      const pending: PendingConnection = {
        id: crypto.randomUUID(),
        topics: request.topics,
        metadata: { ...principal.metadata },
        principal,
      }
      if (ctx.onConnect) await runOnConnect(ctx, c, pending)
      // A client resuming on a node that is behind the one that served it waits for this node to catch up.
      if (request.lastEventId !== undefined) await ctx.bus.catchUp?.(request.lastEventId)
      // From the limits check to the registration nothing awaits: concurrent requests can't overshoot.
      ctx.admit(principal, pending.metadata)
      return await openStream(c, ctx, { ...request, topics: pending.topics }, pending, principal)
    } catch (error) {
      return errorResponse(error)
    }
  }
}

async function authenticated(ctx: StreamHandlerContext, c: Context): Promise<Principal> {
  try {
    return await ctx.resolvePrincipal(c)
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

/** A refusal's JSON response; anything unexpected is logged and answered with a 500 that reveals nothing. */
export function errorResponse(error: unknown): Response {
  if (error instanceof HubError && error.code !== 'internal') return error.getResponse()
  console.error(
    '[ssehub] unexpected error while opening a stream',
    error instanceof HubError ? (error.cause ?? error) : error,
  )
  return new HubError('internal', 'Internal error', { status: 500 }).getResponse()
}

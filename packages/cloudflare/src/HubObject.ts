import { DurableObject } from 'cloudflare:workers'
import {
  type Audience,
  type CompleteOptions,
  createHub,
  type EventMap,
  type Hub,
  HubError,
  type HubStats,
  type InvalidateOptions,
  type InvalidationData,
  type ProgressOptions,
  type PublishInput,
} from '@ssehub/server'
import { Hono } from 'hono'
import { assertObjectTenant } from './assertObjectTenant'
import { durableObjectEngine } from './durableObjectEngine'
import { type HubObjectOptions, OBJECT_DEFAULTS } from './HubObjectOptions'
import { OBJECT_NAME_HEADER } from './objectName'
import { toRpcError } from './rpcError'

/**
 * A hub in a Durable Object: the object holds the streams of every client routed to it, runs the same
 * engine as on any server (lanes, coalescing, throttling, groups, heartbeats), keeps ids, replay and
 * tickets in its SQLite storage, and publishes through RPC. Subclass it, export the subclass from your
 * Worker and bind it as a SQLite-backed Durable Object; override `hubOptions()` to configure the hub.
 *
 * @example
 * export class EventHub extends HubObject<Env> {
 *   protected override hubOptions() {
 *     return { authenticate: jwtAuth({ secret: this.env.JWT_SECRET }) }
 *   }
 * }
 * // in any Worker with the binding:
 * await hubStub(env.EVENT_HUB).invalidate('orders', { id: 'ord_1' })
 */
export class HubObject<Env = unknown, Events extends object = EventMap> extends DurableObject<Env> {
  #hub: Hub<Events> | undefined
  #app: Hono | undefined
  #name: string | undefined

  /** The hub's options; override to configure it (`this.env` is available). @default {} */
  protected hubOptions(): HubObjectOptions {
    return {}
  }

  /** The hub of this object, created on first use. */
  protected get hub(): Hub<Events> {
    this.#hub ??= this.#createHub()
    return this.#hub
  }

  /** `GET`/`HEAD` open a stream, `POST` issues a ticket: the Worker decides which requests come here. */
  override async fetch(request: Request): Promise<Response> {
    const name = request.headers.get(OBJECT_NAME_HEADER)
    if (name !== null) this.#name = name
    this.#app ??= this.#createApp()
    return this.#app.fetch(request)
  }

  /** Publishes one event; resolves to its id. */
  async publish<Type extends keyof Events & string>(
    input: PublishInput<Type, Events[Type]>,
  ): Promise<string> {
    return this.#call(() => this.hub.publish(input))
  }

  /** `hub.invalidate`: `resource` (and `resource.<id>`) changed. */
  async invalidate(resource: string, options?: InvalidateOptions): Promise<string> {
    return this.#call(() => this.hub.invalidate(resource, options))
  }

  /** `hub.batch`: several invalidations as one frame. */
  async batch(items: InvalidationData[], audience?: Audience): Promise<string> {
    return this.#call(() => this.hub.batch(items, audience))
  }

  /** `hub.progress`: coalesced progress of a task. */
  async progress(resource: string, options: ProgressOptions): Promise<string> {
    return this.#call(() => this.hub.progress(resource, options))
  }

  /** `hub.complete`: the end of a task. */
  async complete(resource: string, options: CompleteOptions): Promise<string> {
    return this.#call(() => this.hub.complete(resource, options))
  }

  /** `hub.signal`: something under `topic` changed. */
  async signal(topic: string, audience?: Audience): Promise<string> {
    return this.#call(() => this.hub.signal(topic, audience))
  }

  /** The hub's counters and open streams. */
  async stats(): Promise<HubStats> {
    return this.hub.stats()
  }

  /** Ends every stream of this object, each told when to reconnect (before a planned migration). */
  async drain(graceMs?: number): Promise<void> {
    await this.#call(() => this.hub.drain(graceMs === undefined ? {} : { graceMs }))
  }

  /** Runs an RPC method: a `HubError` leaves as an error `hubErrorFromRpc` turns back into one. */
  async #call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw error instanceof HubError ? toRpcError(error) : error
    }
  }

  #createHub(): Hub<Events> {
    const { engine, tenantPerObject = false, limits, authenticate, onConnect, ...options } = this.hubOptions()
    const tenantKey = options.tenantKey ?? 'tenant_id'
    const guard = (metadata: Readonly<Record<string, string>>) => {
      if (tenantPerObject) assertObjectTenant(metadata, tenantKey, this.#name)
    }
    return createHub<Events>({
      metrics: false,
      bufferBytes: OBJECT_DEFAULTS.bufferBytes,
      ...options,
      limits: { maxConnections: OBJECT_DEFAULTS.maxConnections, ...limits },
      ...durableObjectEngine(this.ctx.storage, engine),
      directWrite: false,
      // Checked when a principal is made (a stream or a ticket: another tenant cannot fill this object's
      // ticket table), and again for every connection (a ticket's principal, onConnect's metadata).
      authenticate:
        tenantPerObject && authenticate
          ? async (c) => {
              const principal = await authenticate(c)
              guard(principal.metadata)
              return principal
            }
          : authenticate,
      onConnect: async (c, connection) => {
        guard(connection.metadata)
        await onConnect?.(c, connection)
      },
    })
  }

  #createApp(): Hono {
    const app = new Hono()
    const streams = this.hub.handler()
    app.on(['GET', 'HEAD'], '*', streams)
    app.post('*', this.hub.ticketHandler())
    return app
  }
}

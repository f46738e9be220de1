import { HubError } from '@ssehub/server'
import type { Context, Env, Handler } from 'hono'
import { DEFAULT_OBJECT_NAME } from './hubStub'
import { OBJECT_NAME_HEADER } from './objectName'

/** What `hubRoute` needs of a namespace binding: any `DurableObjectNamespace` of a `HubObject` subclass. */
export interface HubNamespace {
  idFromName(name: string): DurableObjectId
  get(id: DurableObjectId): { fetch(request: Request): Promise<Response> }
}

export interface HubRouteOptions<E extends Env> {
  /** The namespace of your `HubObject` subclass, e.g. `(c) => c.env.EVENT_HUB`. */
  namespace: (c: Context<E>) => HubNamespace
  /**
   * Which object serves this request: one for the whole hub, or one per tenant to shard (with
   * `tenantPerObject` on the object, so a request routed to the wrong one is refused). Throw a `HubError`
   * to refuse the request here.
   * @default () => 'default'
   */
  objectName?: (c: Context<E>) => string | Promise<string>
}

/** Longest object name taken from a request (a tenant id, a hub name). */
const MAX_NAME_LENGTH = 256

/**
 * The Worker's handler for `GET /events` and `POST /events/ticket`: forwards the request to the hub
 * object it names, which authenticates it, and streams the object's answer back. Mount it on both routes.
 *
 * @example
 * const toHub = hubRoute<{ Bindings: Env }>({ namespace: (c) => c.env.EVENT_HUB })
 * app.get('/events', toHub)
 * app.post('/events/ticket', toHub)
 */
export function hubRoute<E extends Env = Env>(options: HubRouteOptions<E>): Handler<E> {
  const { namespace, objectName = () => DEFAULT_OBJECT_NAME } = options
  return async function ssehubRoute(c) {
    let name: string
    try {
      name = await objectName(c)
      if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
        throw new HubError('bad_request', `The hub object name must be 1–${MAX_NAME_LENGTH} characters`, {
          status: 400,
        })
      }
    } catch (error) {
      if (error instanceof HubError) return error.getResponse()
      throw error
    }
    const request = new Request(c.req.raw)
    request.headers.set(OBJECT_NAME_HEADER, name)
    const objects = namespace(c)
    return objects.get(objects.idFromName(name)).fetch(request)
  }
}

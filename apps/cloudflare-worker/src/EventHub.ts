import { HubObject, type HubObjectOptions } from '@ssehub/cloudflare'
import { jwtAuth } from '@ssehub/server'
import type { Env } from './Env'

/**
 * The hub: one Durable Object holds every stream, authenticates them with the same JWTs as the API,
 * and keeps ids, replay and tickets in its SQLite storage.
 */
export class EventHub extends HubObject<Env> {
  protected override hubOptions(): HubObjectOptions {
    return {
      authenticate: jwtAuth({ secret: this.env.JWT_SECRET }),
      limits: { maxConnectionsPerTenant: 200 },
    }
  }
}

import type { EventHub } from './EventHub'

export interface Env {
  EVENT_HUB: DurableObjectNamespace<EventHub>
  JWT_SECRET: string
  /** `"true"` enables `POST /api/login`, which signs a token for any name: for the demo only. */
  DEMO_LOGIN?: string
}

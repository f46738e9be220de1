import type { HubOptions } from '@ssehub/server'
import type { DurableObjectEngineOptions } from './durableObjectEngine'

/**
 * What a `HubObject` subclass returns from `hubOptions()`: `createHub`'s options, less the engine (the
 * object's own storage) and the write path (a web stream is the only one here), plus the engine's bounds.
 */
export interface HubObjectOptions extends Omit<HubOptions, 'bus' | 'replay' | 'tickets' | 'directWrite'> {
  /** Replay window and ticket bounds in the object's storage. */
  engine?: DurableObjectEngineOptions
  /**
   * The object serves one tenant, the one its name says (`hubRoute({ objectName })` picked it): a
   * connection whose `tenantKey` metadata is not the object's name is refused with 403 `wrong_tenant`,
   * whatever the Worker routed, so a publish to that object without a group reaches that tenant only.
   * @default false
   */
  tenantPerObject?: boolean
}

/**
 * What the object applies unless `hubOptions()` says otherwise. An object has 128 MB for every stream it
 * holds: at most 1,000 streams of 64 KiB outbound buffer each keep the worst case (every reader stalled)
 * at 64 MB. No prom-client in workerd: metrics are off (`stats()` still counts).
 */
export const OBJECT_DEFAULTS = {
  bufferBytes: 64 * 1024,
  maxConnections: 1000,
} as const

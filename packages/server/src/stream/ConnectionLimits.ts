import { HubError } from '../HubError'
import type { HubLimits } from '../HubOptions'

type Metadata = Readonly<Record<string, string>>

/** Open-stream counts against `maxConnections` and `maxConnectionsPerTenant`. */
export class ConnectionLimits {
  readonly #maxConnections: number
  readonly #maxPerTenant: number
  readonly #tenantKey: string
  readonly #perTenant = new Map<string, number>()

  constructor(limits: HubLimits, tenantKey: string) {
    this.#maxConnections = limits.maxConnections ?? Number.POSITIVE_INFINITY
    this.#maxPerTenant = limits.maxConnectionsPerTenant ?? Number.POSITIVE_INFINITY
    this.#tenantKey = tenantKey
  }

  /** Throws the 503 or 429 `HubError` when one more stream would pass a limit. */
  admit(openConnections: number, metadata: Metadata): void {
    if (openConnections >= this.#maxConnections) {
      throw new HubError('too_many_connections', 'This server is at capacity: retry shortly', {
        status: 503,
        // Spread the retries of a crowd that was turned away together.
        retryAfterSec: 1 + Math.floor(Math.random() * 5),
      })
    }
    const tenant = metadata[this.#tenantKey]
    if (tenant !== undefined && (this.#perTenant.get(tenant) ?? 0) >= this.#maxPerTenant) {
      throw new HubError('tenant_limit', `This tenant has its ${this.#maxPerTenant} streams open`, {
        status: 429,
        retryAfterSec: 5,
      })
    }
  }

  /** Open streams per tenant, live (read it, don't keep it). */
  byTenant(): ReadonlyMap<string, number> {
    return this.#perTenant
  }

  opened(metadata: Metadata): void {
    const tenant = metadata[this.#tenantKey]
    if (tenant !== undefined) this.#perTenant.set(tenant, (this.#perTenant.get(tenant) ?? 0) + 1)
  }

  closed(metadata: Metadata): void {
    const tenant = metadata[this.#tenantKey]
    if (tenant === undefined) return
    const count = (this.#perTenant.get(tenant) ?? 1) - 1
    if (count === 0) this.#perTenant.delete(tenant)
    else this.#perTenant.set(tenant, count)
  }
}

import { HubError } from '../HubError'
import type { Principal } from './Principal'

/**
 * Throws the 401 `token_expired` `HubError` for a principal whose credential has expired by `now` (epoch
 * ms), and a 500 `invalid_principal` one for an `expiresAt` that is not a number, or NaN (its stream would
 * never be rotated, not even at `maxLifetimeMs`). A principal without `expiresAt`, or with `Infinity`, passes.
 */
export function assertUnexpired(principal: Principal, now = Date.now()): void {
  const { expiresAt } = principal
  if (expiresAt === undefined) return
  if (typeof expiresAt !== 'number' || Number.isNaN(expiresAt)) {
    throw new HubError('invalid_principal', `expiresAt must be epoch milliseconds, got ${expiresAt}`, {
      status: 500,
    })
  }
  if (expiresAt - now < 1) throw new HubError('token_expired', 'Token expired', { status: 401 })
}

/** The two demo tenants: pick one on the page, and it never hears about the other's orders. */
export const TENANTS = { t1: 'Acme Corp', t2: 'Globex' } as const
export type TenantId = keyof typeof TENANTS

export function isTenantId(value: unknown): value is TenantId {
  return typeof value === 'string' && Object.hasOwn(TENANTS, value)
}

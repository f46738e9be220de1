import type { Group } from '../events'
import { HubError } from '../HubError'
import { printable } from '../routing/topics'

/** Who receives an event; every publish helper and `publish` take it. Omitted: every subscriber of its topics. */
export interface Audience {
  /** Only connections whose metadata has every pair receive it. */
  group?: Group
  /**
   * Only the connections of this tenant: sugar for `group: { [tenantKey]: tenant }` (`tenantKey` is the
   * hub's option), merged with `group`. A `group` that names another tenant is a `bad_request`.
   */
  tenant?: string
}

/** The group an audience selects: `group` with the tenant pair added; throws `HubError` on misuse. */
export function audienceGroup({ group, tenant }: Audience, tenantKey: string): Group | undefined {
  if (group !== undefined) assertGroup(group)
  if (tenant === undefined) return group
  if (typeof tenant !== 'string' || tenant === '') {
    throw new HubError('bad_request', `tenant must be a non-empty string, got ${printable(tenant)}`)
  }
  const named = group && Object.hasOwn(group, tenantKey) ? group[tenantKey] : undefined
  if (named !== undefined && named !== tenant) {
    throw new HubError(
      'bad_request',
      `tenant "${printable(tenant)}" conflicts with group.${printable(tenantKey)} "${printable(named)}": give one of them`,
    )
  }
  return { ...group, [tenantKey]: tenant }
}

function assertGroup(group: Group): void {
  if (group === null || typeof group !== 'object' || Array.isArray(group)) {
    throw new HubError('bad_request', 'group must be an object of string values')
  }
  for (const [key, value] of Object.entries(group)) {
    if (typeof value !== 'string')
      throw new HubError('bad_request', `group.${printable(key)} must be a string`)
  }
}

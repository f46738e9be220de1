import { isTenantId, type TenantId } from '../../src/tenants'

export { TENANTS, type TenantId } from '../../src/tenants'

/** Who this tab is signed in as. */
export interface Session {
  tenant: TenantId
  tenantName: string
  token: string
}

/** The tenant this tab shows: `?tenant=t2`, else the first one. Each tab can show its own. */
export function tenantFromLocation(): TenantId {
  const tenant = new URLSearchParams(location.search).get('tenant')
  return isTenantId(tenant) ? tenant : 't1'
}

/** Shows `tenant` in this tab: a fresh page load signs in again with the new tenant. */
export function switchTenant(tenant: TenantId): void {
  const url = new URL(location.href)
  url.searchParams.set('tenant', tenant)
  location.assign(url)
}

/** Signs in as the tab's tenant. The token stays in memory: a reload signs in again. */
export async function signIn(tenant = tenantFromLocation()): Promise<Session> {
  const response = await fetch('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant }),
  })
  if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status})`)
  const { token, tenantName } = (await response.json()) as { token: string; tenantName: string }
  return { tenant, tenantName, token }
}

/** Signs in, or says on the page why it could not (the server is down, most likely). */
export async function signInOrExplain(): Promise<Session> {
  try {
    return await signIn()
  } catch (error) {
    document.body.textContent = `Could not sign in: ${String(error)}. Is the playground server running? Reload to retry.`
    throw error
  }
}

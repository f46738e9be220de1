import { type Authenticate, HubError, jwtAuth } from '@ssehub/server'
import type { MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { SignJWT } from 'jose'
import { apiError } from './apiError'
import { isTenantId, TENANTS, type TenantId } from './tenants'

/** For the playground only: production reads a real secret (or uses a JWKS) from its environment. */
export const DEV_JWT_SECRET = 'ssehub-playground-dev-secret-not-for-production'

/** The topics a playground token may subscribe to: the hub refuses anything else with a 403. */
const ALLOWED_TOPICS = ['orders', 'orders.*', 'imports', 'imports.*', 'stats']

export type TenantVariables = { Variables: { tenantId: TenantId } }

/**
 * Sign-in without a password: the demo issues an HS256 JWT for the chosen tenant. The same token
 * authenticates the API (`Authorization: Bearer`) and the ticket endpoint of the event stream.
 */
export function signInRoutes(secret: string): Hono {
  const key = new TextEncoder().encode(secret)
  return new Hono().post('/sign-in', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { tenant?: unknown } | null
    const tenant = body?.tenant
    if (!isTenantId(tenant)) {
      return apiError(c, 400, 'bad_tenant', `Pick a tenant: ${Object.keys(TENANTS).join(' or ')}`)
    }
    const expiresAt = Date.now() + 12 * 60 * 60_000
    const token = await new SignJWT({ tenant_id: tenant, allowed_topics: ALLOWED_TOPICS })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`demo-user-${tenant}`)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(key)
    return c.json({ token, tenant, tenantName: TENANTS[tenant], expiresAt })
  })
}

/** The hub's `jwtAuth`, shared by the event stream, the ticket endpoint and the API. */
export function playgroundAuth(secret: string): Authenticate {
  return jwtAuth({ secret })
}

/**
 * API middleware: the same JWT as the stream, and its `tenant_id` scopes every query. Refusals are the
 * hub's own precise JSON 401s (`unauthorized`, `invalid_token`, `token_expired`).
 */
export function requireTenant(authenticate: Authenticate): MiddlewareHandler<TenantVariables> {
  return async function requireTenantMiddleware(c, next) {
    let tenantId: string | undefined
    try {
      tenantId = (await authenticate(c)).metadata.tenant_id
    } catch (error) {
      if (error instanceof HubError) return error.getResponse()
      throw error
    }
    if (!isTenantId(tenantId)) {
      return apiError(c, 403, 'unknown_tenant', 'This token names no playground tenant')
    }
    c.set('tenantId', tenantId)
    await next()
  }
}

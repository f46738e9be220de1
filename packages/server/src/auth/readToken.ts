import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { HubError } from '../HubError'

/** Where `jwtAuth` looks for a token, besides the `Authorization: Bearer` header. */
export interface TokenSources {
  /** Name of a cookie that may carry the token, e.g. `'session'`. @default undefined (cookies not read) */
  cookie?: string
  /**
   * Name of a query parameter that may carry the token, e.g. `'access_token'`. Off unless set: URLs end up
   * in access logs, browser history and `Referer` headers — prefer tickets for `EventSource`.
   * @default undefined (query string not read)
   */
  queryToken?: string
}

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i

/**
 * The raw token of a request: from `Authorization: Bearer`, else the named cookie, else the named query
 * parameter. Throws a 401 `HubError` (`unauthorized`) when there is none.
 */
export function readToken(c: Context, sources: TokenSources = {}): string {
  const authorization = c.req.header('authorization')
  if (authorization !== undefined && authorization.trim() !== '') {
    const bearer = BEARER.exec(authorization)
    // A non-Bearer scheme is a credential we cannot use; say so rather than fall back to the cookie.
    if (!bearer) throw unauthorized('The Authorization header must use the Bearer scheme')
    return bearer[1]!
  }
  if (sources.cookie) {
    const token = getCookie(c, sources.cookie)
    if (token) return token
  }
  if (sources.queryToken) {
    const token = c.req.query(sources.queryToken)
    if (token) return token
  }
  throw unauthorized(missingMessage(sources))
}

function missingMessage(sources: TokenSources): string {
  const places = ['an Authorization: Bearer header']
  if (sources.cookie) places.push(`the "${sources.cookie}" cookie`)
  if (sources.queryToken) places.push(`the "${sources.queryToken}" query parameter`)
  return `No token: send it in ${places.join(' or ')}`
}

function unauthorized(message: string): HubError {
  return new HubError('unauthorized', message, { status: 401 })
}

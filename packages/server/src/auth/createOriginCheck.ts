import { HubError } from '../HubError'
import { printable } from '../routing/topics'

/**
 * Browser origins, besides the server's own, that may ask for a ticket: a list of exact origins
 * (`'https://app.example.com'`: scheme, host and port, no path), or a function that decides.
 */
export type AllowedOrigins = readonly string[] | ((origin: string) => boolean)

/**
 * A check that throws a 403 `HubError` (`origin_not_allowed`) unless the request comes from the server's
 * own origin, from one of `allowedOrigins`, or from no web page at all:
 * - `Sec-Fetch-Site: same-origin` passes: the browser itself vouches, whatever proxies did to `Host`;
 * - no `Origin` (and no cross-site `Sec-Fetch-Site`) passes: a server, `curl` or a native app, which no
 *   browser session can be tricked into being;
 * - otherwise `Origin` must be in `allowedOrigins`, or — when the browser did not say the request is
 *   cross-site — have the request's own host (the scheme is not compared, since a TLS-terminating proxy
 *   makes the server see `http:`).
 *
 * Throws a 500 `invalid_option` `HubError` for an entry of `allowedOrigins` that is not an origin.
 */
export function createOriginCheck(allowedOrigins: AllowedOrigins = []): (request: Request) => void {
  const isAllowed = typeof allowedOrigins === 'function' ? allowedOrigins : originSet(allowedOrigins)

  return function checkOrigin(request: Request): void {
    const site = request.headers.get('sec-fetch-site')
    if (site === 'same-origin') return
    const crossSite = site === 'cross-site' || site === 'same-site'
    const origin = request.headers.get('origin')
    if (origin === null) {
      if (!crossSite) return
      throw new HubError(
        'origin_not_allowed',
        'A cross-site request without Origin may not request tickets',
        {
          status: 403,
        },
      )
    }
    if (!crossSite && hostOf(origin) === new URL(request.url).host) return
    if (isAllowed(origin)) return
    throw new HubError('origin_not_allowed', `Origin "${printable(origin)}" may not request tickets`, {
      status: 403,
    })
  }
}

function originSet(origins: readonly string[]): (origin: string) => boolean {
  for (const origin of origins) {
    const normalized = typeof origin === 'string' ? originOf(origin) : undefined
    if (normalized !== origin) {
      const hint = normalized === undefined ? '' : ` (did you mean "${normalized}"?)`
      throw new HubError(
        'invalid_option',
        `allowedOrigins: "${printable(origin)}" is not an origin like https://app.example.com${hint}`,
        { status: 500 },
      )
    }
  }
  const set = new Set(origins)
  return (origin) => set.has(origin)
}

/** The serialized origin of `value`, or `undefined` when it has none (`null`, not a URL, `file:`). */
function originOf(value: string): string | undefined {
  try {
    const { origin } = new URL(value)
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

function hostOf(origin: string): string | undefined {
  return originOf(origin) && new URL(origin).host
}

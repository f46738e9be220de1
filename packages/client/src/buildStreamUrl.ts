import { EventStreamError } from './EventStreamError'

/** What goes into the URL of one connection attempt. */
export interface StreamUrlParts {
  url: string
  topics: readonly string[]
  ticket?: string | undefined
  lastEventId?: string | undefined
}

/**
 * Resolves `url` (relative to the page in a browser) and adds `topics`, and for a ticket connection the
 * `ticket` plus `lastEventId`: a ticket makes a new URL on every attempt, and the query copy of the last
 * id serves servers or proxies that drop the `Last-Event-ID` header.
 */
export function buildStreamUrl({ url, topics, ticket, lastEventId }: StreamUrlParts): URL {
  const resolved = resolveUrl(url)
  resolved.searchParams.set('topics', topics.join(','))
  if (ticket !== undefined) {
    resolved.searchParams.set('ticket', ticket)
    if (lastEventId !== undefined) resolved.searchParams.set('lastEventId', lastEventId)
  }
  return resolved
}

/** Resolves `url` against the page's location where there is one. */
export function resolveUrl(url: string): URL {
  const base = (globalThis as { location?: { href?: string } }).location?.href
  try {
    return new URL(url, base)
  } catch (cause) {
    const hint = base === undefined ? ' (outside a browser the url must be absolute)' : ''
    throw new EventStreamError('invalid_option', `Invalid url "${url}"${hint}`, { cause })
  }
}

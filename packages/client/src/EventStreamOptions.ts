import type { BackoffOptions } from './createBackoff'

/** Request headers, or a function that returns fresh ones before every attempt (a refreshed token). */
export type HeadersSource = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

/** Options of {@link createEventStream}. */
export interface EventStreamOptions {
  /** The hub's stream endpoint; relative URLs resolve against the page. Outside a browser it must be absolute. */
  url: string
  /** Topic patterns to subscribe to (`orders`, `orders.*`, `imports.>`); at least one. */
  topics: readonly string[]
  /**
   * Fetches a single-use ticket (`POST /events/ticket` on the hub), usually with `fetchTicket`.
   * Called before every attempt, with a signal aborted when the stream closes, so a reconnect never
   * presents a spent ticket; the ticket goes as `?ticket=`. When it throws, the attempt fails with an
   * `EventStreamError` thrown as is, else `network_error` for a network failure (a `TypeError`,
   * `AbortError` or `TimeoutError` in the error or its `cause` chain, or an offline browser), else
   * `auth_failed`; the stream retries with backoff either way. A result that is not a non-empty string
   * (the endpoint's whole `{ ticket, expiresAt }` body) fails the attempt with `invalid_option`.
   * @default undefined — no ticket
   */
  getTicket?: (context: { signal: AbortSignal }) => Promise<string>
  /**
   * Headers for every attempt, e.g. `{ authorization: 'Bearer …' }`; a function is called before each one
   * (a throw is reported as for `getTicket`).
   * @default undefined
   */
  headers?: HeadersSource
  /**
   * Credentials mode of the fetch, for cookie auth across origins.
   * @default 'same-origin'
   */
  credentials?: RequestCredentials
  /**
   * Exponential backoff with full jitter between attempts.
   * @default { initialMs: 500, maxMs: 30000 }
   */
  backoff?: BackoffOptions
  /**
   * How many 401 answers in a row are retried (each with a fresh ticket and headers) before the stream
   * stops with the 401 as its error. The first retry is immediate, later ones back off.
   * @default 2
   */
  maxAuthRetries?: number
  /**
   * Share one connection between all tabs of this origin that open the same url and topics: a leader tab
   * (Web Locks) connects and relays over `BroadcastChannel`. Where either API is missing, every tab connects.
   * @default false
   */
  shareAcrossTabs?: boolean
  /**
   * Who this connection belongs to (a user or tenant id), when tabs of one origin can be signed in as
   * different users: tabs share a connection, and hooks a stream, only with those of the same key.
   * @default '' (one user per origin)
   */
  shareKey?: string
  /**
   * The `fetch` to use: a wrapped one, or one from another runtime.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch
}

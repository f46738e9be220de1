/**
 * The codes a hub puts in its `{"error":{"code","message"}}` answers and on the `HubError`s it throws.
 * Each has one meaning on every runtime and engine; the docs' troubleshooting page lists what to do.
 */
export type ServerErrorCode =
  /** A malformed request or call: the message says which part. (400) */
  | 'bad_request'
  /** A topic or pattern that breaks the topic grammar. (400) */
  | 'bad_topic'
  /** More topic patterns than `limits.maxTopicsPerConnection`. (400) */
  | 'too_many_topics'
  /** A `Last-Event-ID` over 256 bytes or with control characters. (400) */
  | 'bad_last_event_id'
  /** No credentials. (401) */
  | 'unauthorized'
  /** A token that does not verify. (401) */
  | 'invalid_token'
  /** A token past its `exp`. (401) */
  | 'token_expired'
  /** A token before its `nbf`. (401) */
  | 'token_not_yet_valid'
  /** A ticket that is unknown, spent or expired. (401) */
  | 'invalid_ticket'
  /** Authenticated, but refused by the app. (403) */
  | 'forbidden'
  /** A requested pattern outside the principal's `allowedTopics`. (403) */
  | 'topic_not_allowed'
  /** A ticket request from an origin not in `ticketAllowedOrigins`. (403) */
  | 'origin_not_allowed'
  /** The tenant holds `limits.maxConnectionsPerTenant` streams. (429) */
  | 'tenant_limit'
  /** The principal holds too many unspent tickets. (429) */
  | 'ticket_quota_exceeded'
  /** The node holds `limits.maxConnections` streams. (503) */
  | 'too_many_connections'
  /** The node is shutting down; reconnect (elsewhere) after `Retry-After`. (503) */
  | 'draining'
  /** The hub was closed. (503) */
  | 'hub_closed'
  /** The key source (a JWKS endpoint) could not be reached. (503) */
  | 'auth_unavailable'
  /** The ticket store reached its global bound. (503) */
  | 'ticket_store_full'
  /** The ticket store was closed. (503) */
  | 'ticket_store_closed'
  /** The engine (Redis, Postgres, a Durable Object) cannot take the publish or the read. (503) */
  | 'engine_unavailable'
  /** `/metrics` without `prom-client` installed. (501) */
  | 'metrics_unavailable'
  /** A hub option out of range (thrown by `createHub` and the engines' factories). */
  | 'invalid_option'
  /** `authenticate` returned something that is not a principal. (500) */
  | 'invalid_principal'
  /** A publish with a type the protocol reserves (`connected`, `resync`, `drain`, `cursor`). */
  | 'reserved_type'
  /** Anything unexpected; the cause is in the hub's log, never in the answer. (500) */
  | 'internal'

/** The codes `@ssehub/client` gives the failures it detects itself and the misuse of its API. */
export type ClientErrorCode =
  /** The request failed or the connection broke, including a `getTicket` that could not reach the server. */
  | 'network_error'
  /** `getTicket` or `headers` threw (or answered an error) for another reason than the network. */
  | 'auth_failed'
  /** A `200` that is not `text/event-stream`: a login page, a proxy's error page, an SPA fallback. */
  | 'bad_content_type'
  /** The server ended the stream without a `drain`. */
  | 'stream_ended'
  /** No byte for twice the stream's `heartbeatMs`, or no answer and `connected` within that (a minute at first). */
  | 'heartbeat_timeout'
  /** A `204`: the server asked the client to stop. */
  | 'no_content'
  /** An error answer that is not a hub's JSON error. */
  | 'http_error'
  /** An API called with an option it cannot work with; the message says which (the server's code too). */
  | 'invalid_option'
  /**
   * A React hook or Vue composable used outside the provider (or plugin) it needs, with no stream given;
   * or a Vue composable given `url` and `topics` outside an effect scope, where its stream could not close.
   */
  | 'no_provider'

/** Every error code of ssehub, server and client: one union to switch on. */
export type ErrorCode = ServerErrorCode | ClientErrorCode

/** The body of every error answer of a hub. */
export interface ErrorBody {
  error: {
    /** A {@link ServerErrorCode}, or an app's own code from a `HubError` it threw. */
    code: ServerErrorCode | (string & {})
    /** A sentence for the developer; never an internal detail. */
    message: string
  }
}

/** Random bytes in a ticket: 256 bits, well past the 128 that make guessing hopeless. */
const TICKET_BYTES = 32
/** What `createTicketId` makes: 43 base64url characters, no padding. */
const TICKET_ID = /^[A-Za-z0-9_-]{43}$/

/** A fresh ticket id: 256 bits from `crypto.getRandomValues`, base64url-encoded (43 characters). */
export function createTicketId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TICKET_BYTES))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Whether `value` has the shape of a ticket id. Checked before any lookup, so junk never reaches the store
 * (nor a Redis key) and costs nothing.
 */
export function isTicketId(value: unknown): value is string {
  return typeof value === 'string' && TICKET_ID.test(value)
}

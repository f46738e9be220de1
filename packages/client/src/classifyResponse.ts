import { EventStreamError } from './EventStreamError'
import { parseRetryAfter } from './parseRetryAfter'
import { readErrorBody } from './readErrorBody'

/** What the reconnect loop does about one answer to `GET /events`. */
export type ResponseVerdict =
  | { kind: 'stream' }
  | { kind: 'stop'; error: EventStreamError }
  | { kind: 'fatal'; error: EventStreamError }
  | { kind: 'unauthorized'; error: EventStreamError }
  | { kind: 'retry-after'; error: EventStreamError; delayMs: number }
  | { kind: 'backoff'; error: EventStreamError }

// Asking again cannot change these answers; every other 4xx but 401/408/429 is treated the same way.
const retryableClientErrors = new Set([401, 408, 429])

/**
 * Sorts a response into the reconnect loop's cases. Only a 200 whose content type is
 * `text/event-stream` counts as a stream; a proxy's HTML page with 200 is an error, not a success.
 * Any body that is not going to be read is released here, without waiting: some never settle their cancel.
 */
export async function classifyResponse(response: Response): Promise<ResponseVerdict> {
  const { status } = response
  if (status === 200) {
    const contentType = response.headers.get('content-type') ?? ''
    if (/^text\/event-stream\s*(;|$)/i.test(contentType)) return { kind: 'stream' }
    void response.body?.cancel().catch(() => {})
    const message = `Expected text/event-stream, got ${contentType || 'no content type'}`
    return { kind: 'backoff', error: new EventStreamError('bad_content_type', message, { status }) }
  }
  if (status === 204) {
    void response.body?.cancel().catch(() => {})
    return {
      kind: 'stop',
      error: new EventStreamError('no_content', 'The server ended the stream (204)', { status }),
    }
  }
  const error = await readErrorBody(response)
  if (status === 401) return { kind: 'unauthorized', error }
  if (status === 429 || status === 503) {
    const delayMs = parseRetryAfter(response.headers.get('retry-after'))
    if (delayMs !== undefined) return { kind: 'retry-after', error, delayMs }
  }
  if (status >= 400 && status < 500 && !retryableClientErrors.has(status)) return { kind: 'fatal', error }
  return { kind: 'backoff', error }
}

import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'

/** Throws an `invalid_option` {@link EventStreamError} naming the first option that cannot work. */
export function validateOptions(options: EventStreamOptions): void {
  const fail = (message: string): never => {
    throw new EventStreamError('invalid_option', message)
  }
  if (typeof options !== 'object' || options === null) fail('createEventStream needs an options object')
  const { url, topics, getTicket, headers, backoff, maxAuthRetries } = options
  if (typeof url !== 'string' || url === '') fail('`url` must be a non-empty string')
  if (!Array.isArray(topics) || topics.length === 0)
    fail('`topics` must be a non-empty array of topic patterns')
  for (const topic of topics) {
    if (typeof topic !== 'string' || topic === '' || topic.includes(',')) {
      fail(`Invalid topic ${JSON.stringify(topic)}: a topic pattern is a non-empty string without commas`)
    }
  }
  if (getTicket !== undefined && typeof getTicket !== 'function') fail('`getTicket` must be a function')
  if (
    headers !== undefined &&
    (typeof headers !== 'object' || headers === null) &&
    typeof headers !== 'function'
  ) {
    fail('`headers` must be a HeadersInit or a function returning one')
  }
  const { initialMs = 500, maxMs = 30_000 } = backoff ?? {}
  if (!isNonNegative(initialMs)) fail('`backoff.initialMs` must be a non-negative finite number')
  if (!isNonNegative(maxMs) || maxMs < initialMs) fail('`backoff.maxMs` must be a finite number ≥ initialMs')
  if (options.shareKey !== undefined && typeof options.shareKey !== 'string') {
    fail('`shareKey` must be a string')
  }
  if (maxAuthRetries !== undefined && !(Number.isInteger(maxAuthRetries) && maxAuthRetries >= 0)) {
    fail('`maxAuthRetries` must be a non-negative integer')
  }
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

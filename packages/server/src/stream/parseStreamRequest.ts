import { HubError } from '../HubError'
import { assertPattern } from '../routing/topics'

/** What a `GET /events` request asks for, validated. */
export interface StreamRequest {
  topics: string[]
  lastEventId: string | undefined
}

/** Longest `Last-Event-ID` accepted (bytes); DESIGN §3. */
export const MAX_LAST_EVENT_ID_BYTES = 256

const encoder = new TextEncoder()

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/**
 * Reads topics (`?topics=a,b.*`, repeatable) and `Last-Event-ID` (header, or `?lastEventId=`) from a
 * stream request, or throws the precise 400 `HubError` for what is wrong. (`?ticket=` is the auth step's.)
 */
export function parseStreamRequest(request: Request, maxTopics: number): StreamRequest {
  const url = new URL(request.url)
  const requested = url.searchParams
    .getAll('topics')
    .flatMap((value) => value.split(','))
    .map((topic) => topic.trim())
  if (requested.length === 0 || requested.every((topic) => topic === '')) {
    throw new HubError('bad_topic', 'Name at least one topic: /events?topics=orders,dashboard.*')
  }
  const topics = [...new Set(requested)]
  if (topics.length > maxTopics) {
    throw new HubError('too_many_topics', `At most ${maxTopics} topics per connection, got ${topics.length}`)
  }
  for (const topic of topics) assertPattern(topic)
  return {
    topics,
    lastEventId: parseLastEventId(
      request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
    ),
  }
}

function parseLastEventId(value: string | null): string | undefined {
  if (value === null || value === '') return undefined
  if (encoder.encode(value).byteLength > MAX_LAST_EVENT_ID_BYTES) {
    throw new HubError('bad_last_event_id', `Last-Event-ID is longer than ${MAX_LAST_EVENT_ID_BYTES} bytes`)
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw new HubError('bad_last_event_id', 'Last-Event-ID contains control characters')
  }
  return value
}

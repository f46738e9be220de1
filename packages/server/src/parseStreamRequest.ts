import { HubError } from './HubError'
import { printable, topicProblem } from './topics'

/** What a `GET /events` request asks for, validated. */
export interface StreamRequest {
  topics: string[]
  lastEventId: string | undefined
  ticket: string | undefined
}

/** Longest `Last-Event-ID` accepted (bytes); DESIGN §3. */
export const MAX_LAST_EVENT_ID_BYTES = 256

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/**
 * Reads topics (`?topics=a,b.*`, repeatable), `Last-Event-ID` (header, or `?lastEventId=`) and
 * `?ticket=` from a stream request, or throws the precise 400 `HubError` for what is wrong.
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
  for (const topic of topics) {
    const problem = topicProblem(topic, true)
    if (problem) throw new HubError('bad_topic', `Topic "${printable(topic)}" ${problem}`)
  }
  return {
    topics,
    lastEventId: parseLastEventId(
      request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
    ),
    ticket: url.searchParams.get('ticket') ?? undefined,
  }
}

function parseLastEventId(value: string | null): string | undefined {
  if (value === null || value === '') return undefined
  if (new TextEncoder().encode(value).byteLength > MAX_LAST_EVENT_ID_BYTES) {
    throw new HubError('bad_last_event_id', `Last-Event-ID is longer than ${MAX_LAST_EVENT_ID_BYTES} bytes`)
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw new HubError('bad_last_event_id', 'Last-Event-ID contains control characters')
  }
  return value
}

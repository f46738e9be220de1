import { HubError } from '../HubError'

/** Most tokens in a topic or pattern (DESIGN §2). */
export const MAX_TOPIC_TOKENS = 16
/** Most characters in one token. */
export const MAX_TOKEN_LENGTH = 64

const TOKEN = /^[A-Za-z0-9_:-]{1,64}$/

/** Why a topic or pattern was refused, or `undefined` when it is valid. */
export function topicProblem(value: string, allowWildcards: boolean): string | undefined {
  if (typeof value !== 'string') return 'is not a string'
  if (value.length === 0) return 'is empty'
  const tokens = value.split('.')
  if (tokens.length > MAX_TOPIC_TOKENS) return `has more than ${MAX_TOPIC_TOKENS} tokens`
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '*' || token === '>') {
      if (!allowWildcards) return `may not contain the wildcard "${token}"`
      if (token === '>' && i !== tokens.length - 1) return '">" may only be the last token'
      continue
    }
    if (token.length === 0) return 'has an empty token'
    if (token.length > MAX_TOKEN_LENGTH) return `has a token longer than ${MAX_TOKEN_LENGTH} characters`
    if (!TOKEN.test(token)) return 'has a token with characters outside [A-Za-z0-9_:-]'
  }
  return undefined
}

/** Throws a `HubError` (`bad_topic`) unless `topic` is a concrete topic (no wildcards). */
export function assertTopic(topic: string): void {
  const problem = topicProblem(topic, false)
  if (problem) throw new HubError('bad_topic', `Topic "${printable(topic)}" ${problem}`)
}

/** Throws a `HubError` (`bad_topic`) unless `pattern` is a valid subscription pattern. */
export function assertPattern(pattern: string): void {
  const problem = topicProblem(pattern, true)
  if (problem) throw new HubError('bad_topic', `Pattern "${printable(pattern)}" ${problem}`)
}

/**
 * Whether `pattern` matches the concrete `topic` with NATS semantics: `*` is exactly one token,
 * `>` one or more trailing tokens. The hub routes through `TopicIndex`; this is the reference rule.
 */
export function matchesPattern(pattern: string, topic: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('>')) return pattern === topic
  return tokensMatch(pattern.split('.'), topic.split('.'))
}

/** `matchesPattern` on a pattern and a topic already split into their tokens. */
export function tokensMatch(pattern: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const token = pattern[i]
    if (token === '>') return topic.length > i
    if (i >= topic.length) return false
    if (token !== '*' && token !== topic[i]) return false
  }
  return pattern.length === topic.length
}

/** Shortens and escapes user input before it goes into an error message. */
export function printable(value: unknown): string {
  const text = String(value).replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we escape
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

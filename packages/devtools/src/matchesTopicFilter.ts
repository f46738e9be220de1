/**
 * Whether an event with `topics` passes the topic filter. A filter with `*` or `>` is a pattern (NATS
 * semantics, as subscriptions use: `orders.*`, `imports.>`); a plain filter matches its topic and the
 * topics under it (`orders` → `orders`, `orders.ord_1`). An empty filter passes everything.
 */
export function matchesTopicFilter(topics: readonly string[], filter: string): boolean {
  const wanted = filter.trim()
  if (wanted === '') return true
  const pattern = wanted.split('.')
  const isPattern = pattern.includes('*') || pattern.includes('>')
  return topics.some((topic) => {
    const tokens = topic.split('.')
    if (!isPattern) return topic === wanted || topic.startsWith(`${wanted}.`)
    for (let index = 0; index < pattern.length; index++) {
      const token = pattern[index]
      if (token === '>') return tokens.length > index
      if (index >= tokens.length || (token !== '*' && token !== tokens[index])) return false
    }
    return tokens.length === pattern.length
  })
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>
  /** Subscribers whose pattern ends at this node. */
  exact: Set<T>
  /** Subscribers whose pattern is this node's path followed by `>`. */
  rest: Set<T>
}

function createNode<T>(): TrieNode<T> {
  return { children: new Map(), exact: new Set(), rest: new Set() }
}

const hasWildcard = (pattern: string) => pattern.includes('*') || pattern.includes('>')

/**
 * Subscription patterns by topic: patterns without wildcards in a map keyed by the whole topic (one
 * lookup), the others in a trie keyed by token, with `*` as an ordinary child key and `>` stored on the
 * node before it. Matching walks at most two branches per token (the literal and `*`), and only when
 * some pattern has a wildcard: the cost depends on the topic and on the subscribers that match, never on
 * those that don't.
 */
export class TopicIndex<T> {
  readonly #literal = new Map<string, Set<T>>()
  readonly #root = createNode<T>()
  #wildcardPatterns = 0

  /** Adds `subscriber` under `pattern`. Adding the same pair twice is a no-op. */
  add(pattern: string, subscriber: T): void {
    if (!hasWildcard(pattern)) {
      let subscribers = this.#literal.get(pattern)
      if (!subscribers) {
        subscribers = new Set()
        this.#literal.set(pattern, subscribers)
      }
      subscribers.add(subscriber)
      return
    }
    const tokens = pattern.split('.')
    let node = this.#root
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!
      if (token === '>') {
        this.#addTo(node.rest, subscriber)
        return
      }
      let child = node.children.get(token)
      if (!child) {
        child = createNode()
        node.children.set(token, child)
      }
      node = child
    }
    this.#addTo(node.exact, subscriber)
  }

  #addTo(subscribers: Set<T>, subscriber: T): void {
    if (subscribers.has(subscriber)) return
    subscribers.add(subscriber)
    this.#wildcardPatterns += 1
  }

  /** Removes `subscriber` from `pattern` and prunes the branches that became empty. */
  remove(pattern: string, subscriber: T): void {
    if (!hasWildcard(pattern)) {
      const subscribers = this.#literal.get(pattern)
      if (subscribers?.delete(subscriber) && subscribers.size === 0) this.#literal.delete(pattern)
      return
    }
    const tokens = pattern.split('.')
    const path: TrieNode<T>[] = [this.#root]
    let node: TrieNode<T> | undefined = this.#root
    for (const token of tokens) {
      if (token === '>') {
        if (node.rest.delete(subscriber)) this.#wildcardPatterns -= 1
        break
      }
      node = node.children.get(token)
      if (!node) return
      path.push(node)
    }
    if (tokens[tokens.length - 1] !== '>' && node.exact.delete(subscriber)) this.#wildcardPatterns -= 1
    for (let i = path.length - 1; i > 0; i--) {
      const child = path[i]!
      if (child.children.size > 0 || child.exact.size > 0 || child.rest.size > 0) break
      path[i - 1]!.children.delete(tokens[i - 1]!)
    }
  }

  /**
   * Calls `visit` for every subscriber with a pattern matching `topic`. A subscriber with several
   * matching patterns is visited once per pattern: callers deduplicate.
   */
  match(topic: string, visit: (subscriber: T) => void): void {
    const literal = this.#literal.get(topic)
    if (literal) for (const subscriber of literal) visit(subscriber)
    if (this.#wildcardPatterns > 0 && this.#mayHaveWildcardMatch(topic)) {
      this.#walk(this.#root, topic.split('.'), 0, visit)
    }
  }

  /** Whether any wildcard pattern starts with the topic's first token, or with a wildcard. */
  #mayHaveWildcardMatch(topic: string): boolean {
    const root = this.#root
    if (root.rest.size > 0 || root.children.has('*')) return true
    const dot = topic.indexOf('.')
    return root.children.has(dot === -1 ? topic : topic.slice(0, dot))
  }

  /** Whether no pattern is indexed (for leak checks). */
  get isEmpty(): boolean {
    const root = this.#root
    return (
      this.#literal.size === 0 && root.children.size === 0 && root.exact.size === 0 && root.rest.size === 0
    )
  }

  #walk(node: TrieNode<T>, tokens: string[], depth: number, visit: (subscriber: T) => void): void {
    if (depth === tokens.length) {
      if (node.exact.size > 0) for (const subscriber of node.exact) visit(subscriber)
      return
    }
    if (node.rest.size > 0) for (const subscriber of node.rest) visit(subscriber)
    const literal = node.children.get(tokens[depth]!)
    if (literal) this.#walk(literal, tokens, depth + 1, visit)
    const star = node.children.get('*')
    if (star) this.#walk(star, tokens, depth + 1, visit)
  }
}

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

/**
 * A trie of subscription patterns keyed by token, with `*` as an ordinary child key and `>` stored on
 * the node before it. Matching a topic walks at most two branches per token (the literal and `*`),
 * so its cost depends on the topic and on the subscribers that match, never on those that don't.
 */
export class TopicIndex<T> {
  readonly #root = createNode<T>()

  /** Adds `subscriber` under `pattern`. Adding the same pair twice is a no-op. */
  add(pattern: string, subscriber: T): void {
    const tokens = pattern.split('.')
    let node = this.#root
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!
      if (token === '>') {
        node.rest.add(subscriber)
        return
      }
      let child = node.children.get(token)
      if (!child) {
        child = createNode()
        node.children.set(token, child)
      }
      node = child
    }
    node.exact.add(subscriber)
  }

  /** Removes `subscriber` from `pattern` and prunes the branches that became empty. */
  remove(pattern: string, subscriber: T): void {
    const tokens = pattern.split('.')
    const path: TrieNode<T>[] = [this.#root]
    let node: TrieNode<T> | undefined = this.#root
    for (const token of tokens) {
      if (token === '>') {
        node.rest.delete(subscriber)
        break
      }
      node = node.children.get(token)
      if (!node) return
      path.push(node)
    }
    if (tokens[tokens.length - 1] !== '>') node.exact.delete(subscriber)
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
    this.#walk(this.#root, topic.split('.'), 0, visit)
  }

  /** Whether no pattern is indexed (for leak checks). */
  get isEmpty(): boolean {
    const root = this.#root
    return root.children.size === 0 && root.exact.size === 0 && root.rest.size === 0
  }

  #walk(node: TrieNode<T>, tokens: string[], depth: number, visit: (subscriber: T) => void): void {
    if (depth === tokens.length) {
      for (const subscriber of node.exact) visit(subscriber)
      return
    }
    for (const subscriber of node.rest) visit(subscriber)
    const literal = node.children.get(tokens[depth]!)
    if (literal) this.#walk(literal, tokens, depth + 1, visit)
    const star = node.children.get('*')
    if (star) this.#walk(star, tokens, depth + 1, visit)
  }
}

/**
 * The resources a stream's topic patterns cover: the first token of each pattern (`orders.*` → `orders`),
 * or `'all'` when a pattern starts with a wildcard (`*`, `>`, `*.rows`), which may match any resource.
 *
 * @example
 * coveredResources(['orders', 'orders.*', 'imports.>']) // ['orders', 'imports']
 * coveredResources(['>']) // 'all'
 */
export function coveredResources(topics: readonly string[]): string[] | 'all' {
  const resources = new Set<string>()
  for (const pattern of topics) {
    const first = pattern.split('.', 1)[0] ?? ''
    if (first === '*' || first === '>') return 'all'
    resources.add(first)
  }
  return [...resources]
}

/**
 * The key of a stream's metadata hash (its epoch and the sequence number of its newest entry), made to
 * hash to the stream's Redis Cluster slot, since one script touches both: `ssehub:events` gets
 * `{ssehub:events}:meta`; a stream that has a hash tag already (`{tenant7}:events`) gets `{tenant7}:events:meta`.
 */
export function metaKeyOf(stream: string): string {
  return hasHashTag(stream) ? `${stream}:meta` : `{${stream}}:meta`
}

/** Whether Redis Cluster hashes only part of `key`: a `{…}` with something inside, the first `{` opening it. */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf('{')
  if (open === -1) return false
  const close = key.indexOf('}', open + 1)
  return close > open + 1
}

/**
 * A client's resume point, as it comes back in `Last-Event-ID`: resume after `after`; instant events up
 * to `instantThrough` (when set) were written to the client already and are not sent again.
 */
export interface ResumePoint {
  after: string
  instantThrough?: string
}

/** Engine ids never contain it (memory: `<epoch>-<seq>`, Redis: `<ms>-<seq>`, Postgres: digits). */
const SEPARATOR = '~'

/** The two-part resume token of an instant frame that overtook pending frames of older ids. */
export function formatResumeToken(after: string, instantThrough: string): string {
  return `${after}${SEPARATOR}${instantThrough}`
}

/**
 * Reads a `Last-Event-ID`: a plain event id, or a two-part token. Never throws: a value that is not one
 * of ours comes back as an `after` no engine knows, and the replay answers `resync`.
 */
export function parseResumeToken(value: string): ResumePoint {
  const at = value.indexOf(SEPARATOR)
  if (at <= 0 || at === value.length - 1 || value.includes(SEPARATOR, at + 1)) return { after: value }
  return { after: value.slice(0, at), instantThrough: value.slice(at + 1) }
}

/** The newest id a resume point proves the client has seen: where a lagging node must catch up to. */
export function newestSeen(point: ResumePoint): string {
  return point.instantThrough ?? point.after
}

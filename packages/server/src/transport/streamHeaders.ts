/** The headers every stream answers with (DESIGN §3). */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
}

/** Headers that describe a body of another shape than a stream: never sent with one. */
const BODY_SHAPE = ['content-length', 'content-encoding', 'transfer-encoding']

/**
 * The stream's headers over those a middleware set before `next()` (CORS, cookies, …): ours win, headers
 * that would misdescribe an endless stream are left out, and so is `Connection` on HTTP/2, where it is
 * not allowed.
 */
export function streamHeaders(preset: Headers, http2: boolean): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {}
  preset.forEach((value, name) => {
    if (name !== 'set-cookie' && !BODY_SHAPE.includes(name)) headers[name] = value
  })
  const cookies = preset.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  Object.assign(headers, STREAM_HEADERS)
  if (http2) delete headers.connection
  return headers
}

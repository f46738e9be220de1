import type { Context } from 'hono'

/** Whether the request came over HTTP/2 on `@hono/node-server`, where connection-specific headers are not allowed. */
export function isHttp2(c: Context): boolean {
  const incoming = (c.env as { incoming?: { httpVersionMajor?: number } } | undefined)?.incoming
  return incoming?.httpVersionMajor === 2
}

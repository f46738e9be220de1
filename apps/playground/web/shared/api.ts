import type { ApiMeter } from './apiMeter'
import type { Session } from './session'

/** An API refusal, with the server's `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The tab's API client: JSON in and out, with the session's bearer token. */
export type Api = <T>(path: string, init?: { method?: string; body?: unknown }) => Promise<T>

/** The tab's API client; its GETs (what polling would repeat) are counted on `meter`. */
export function createApi(session: Session, meter?: ApiMeter): Api {
  return async function api<T>(
    path: string,
    { method = 'GET', body }: { method?: string; body?: unknown } = {},
  ) {
    if (method === 'GET') meter?.countRequest()
    const headers: Record<string, string> = { authorization: `Bearer ${session.token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = (await response.json().catch(() => undefined)) as
      | { error?: { code: string; message: string } }
      | undefined
    if (!response.ok) {
      const { code = 'http_error', message = `HTTP ${response.status}` } = data?.error ?? {}
      throw new ApiError(response.status, code, message)
    }
    return data as T
  }
}

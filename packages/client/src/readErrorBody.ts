import { EventStreamError } from './EventStreamError'

/**
 * Turns an error answer into an {@link EventStreamError}: the hub's `{"error":{"code","message"}}` body
 * gives code and message; any other body (a proxy's page, an empty one) leaves `http_error` and the status.
 */
export async function readErrorBody(response: Response): Promise<EventStreamError> {
  const status = response.status
  let code = 'http_error'
  let message = `The server answered ${status}`
  try {
    const body: unknown = await response.json()
    const detail = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
    if (typeof detail?.code === 'string') code = detail.code
    if (typeof detail?.message === 'string') message = detail.message
  } catch {
    // Not the hub's JSON (a proxy's page, an empty body): the status alone has to do.
  }
  return new EventStreamError(code, message, { status })
}

import { createEventStream, type EventStream } from '@ssehub/client'
import { type Api, createApi } from './api'
import { type ApiMeter, createApiMeter } from './apiMeter'
import { type Session, signInOrExplain } from './session'
import { recordFrames, streamOptions } from './stream'

/**
 * What both pages start with: a session for the tab's tenant, the API client with its token (its GETs
 * counted by the tab's request meter), and the tab's event stream (its frames recorded on
 * `window.__ssehub`).
 */
export async function startTab(): Promise<{
  session: Session
  api: Api
  stream: EventStream
  meter: ApiMeter
}> {
  const session = await signInOrExplain()
  const meter = createApiMeter()
  const api = createApi(session, meter)
  const stream = createEventStream(streamOptions(session, api))
  recordFrames(stream)
  return { session, api, stream, meter }
}

/**
 * Query defaults for both pages. The stream says when data changed, so nothing goes stale by the clock,
 * on focus or on reconnect: an idle tab makes no request at all. (A `resync` after missed events
 * refetches everything.)
 */
export const queryDefaults = { queries: { staleTime: Number.POSITIVE_INFINITY, retry: 1 } }

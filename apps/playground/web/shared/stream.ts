import type { EventStream, EventStreamOptions } from '@ssehub/client'
import type { Api } from './api'
import type { Session } from './session'

/** What a tab subscribes to: order changes, import progress, and the stats panel's refresh signal. */
export const TOPICS = ['orders', 'imports', 'stats']

/**
 * The tab's event stream: a single-use ticket fetched with the session's JWT before every (re)connect,
 * and one connection shared by all tabs of this tenant. The tenant is in the url only so that tabs of
 * different tenants don't share one connection (the server reads the tenant from the ticket).
 */
export function streamOptions(session: Session, api: Api): EventStreamOptions {
  return {
    url: `/events?tenant=${session.tenant}`,
    topics: TOPICS,
    getTicket: async () => (await api<{ ticket: string }>('/events/ticket', { method: 'POST' })).ticket,
    shareAcrossTabs: true,
  }
}

/** One frame as the page received it, for the debug counter. */
export interface RecordedFrame {
  type: string
  id: string | undefined
  data: unknown
  at: number
}

declare global {
  interface Window {
    /** Every frame this tab received (the last 1,000), for the browser tests and the curious. */
    __ssehub?: { frames: RecordedFrame[] }
  }
}

const PROTOCOL_TYPES = [
  'connected',
  'invalidate',
  'batch',
  'progress',
  'complete',
  'signal',
  'resync',
  'drain',
] as const

/** Records the frames of `stream` on `window.__ssehub.frames`. */
export function recordFrames(stream: EventStream): void {
  const frames: RecordedFrame[] = []
  window.__ssehub = { frames }
  for (const type of PROTOCOL_TYPES) {
    stream.on(type, (data, { id }) => {
      frames.push({ type, id, data, at: Date.now() })
      if (frames.length > 1000) frames.shift()
    })
  }
}

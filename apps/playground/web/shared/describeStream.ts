import type { EventStreamError, EventStreamStatus, RetryPlan } from '@ssehub/client'

/**
 * What the badge says beside the status while the stream is not open: why it waits and for how long
 * (`server unreachable · retry in 4 s`). Empty while open.
 */
export function describeStream(
  status: EventStreamStatus,
  error: EventStreamError | undefined,
  retry: RetryPlan | undefined,
  now: number,
): string {
  if (status === 'open') return ''
  const reason = retry?.cause === 'drain' ? 'the server is restarting' : error ? errorText(error) : ''
  if (status === 'closed') return reason || 'closed for good'
  const wait = retry ? `retry in ${Math.max(0, Math.ceil((retry.at - now) / 1000))} s` : 'trying now'
  return [reason, wait].filter(Boolean).join(' · ')
}

function errorText(error: EventStreamError): string {
  switch (error.code) {
    case 'network_error':
      return 'server unreachable'
    case 'heartbeat_timeout':
      return 'no heartbeat from the server'
    case 'stream_ended':
      return 'the server ended the stream'
    default:
      return error.status ? `${error.code} (${error.status})` : error.code
  }
}

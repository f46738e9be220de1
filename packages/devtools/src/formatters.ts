import type { PanelDecision, PanelStatusChange } from './PanelState'

/** `14:03:07.412`, local time. */
export function formatTime(at: number): string {
  const date = new Date(at)
  const pad = (value: number, width = 2) => String(value).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** `312 B`, `4.1 KB`, `1.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A cache key, short: `["orders","ord_1"]`, cut at 60 characters. */
export function formatKey(key: unknown): string {
  let text: string
  try {
    text = typeof key === 'string' ? key : (JSON.stringify(key) ?? String(key))
  } catch {
    text = String(key)
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** What the panel says of each outcome: the words a newcomer needs. */
export const outcomeLabels: Record<PanelDecision['outcome'], string> = {
  refetched: 'refetched',
  'marked-stale': 'marked stale',
  patched: 'patched',
  held: 'held',
  'skipped-inactive': 'skipped',
}

/** Longer explanations, shown as tooltips and in the legend. */
export const outcomeHelp: Record<PanelDecision['outcome'], string> = {
  refetched: 'On screen: refetched now (one request).',
  'marked-stale': 'Not on screen: marked stale, refetched when next shown (no request now).',
  patched: 'Updated in place from the event (no request).',
  held: 'On screen but refetched too often lately: the storm guard holds it and refetches once later.',
  'skipped-inactive': 'Nothing shows it: left alone (it revalidates when next mounted).',
}

/** `held ["orders"] (retry in 1.2 s)`. */
export function formatDecision(decision: PanelDecision): string {
  const retry = decision.retryInMs === undefined ? '' : ` (in ${(decision.retryInMs / 1000).toFixed(1)} s)`
  return `${outcomeLabels[decision.outcome]} ${formatKey(decision.key)}${retry}`
}

/** `reconnecting · network_error: The connection failed · retry in 3 s (backoff)`. */
export function describeStatus(change: PanelStatusChange | undefined, now: number): string {
  if (!change) return 'no stream yet'
  if (change.status === 'open') return `connected since ${formatTime(change.at)}`
  const parts: string[] = []
  if (change.error)
    parts.push(
      `${change.error.code}${change.error.status ? ` (${change.error.status})` : ''}: ${change.error.message}`,
    )
  if (change.retry) {
    const seconds = Math.max(0, Math.ceil((change.retry.at - now) / 1000))
    const cause = { backoff: 'backoff', 'retry-after': "server's Retry-After", drain: 'server draining' }[
      change.retry.cause
    ]
    parts.push(`retry in ${seconds} s (${cause})`)
  } else if (change.status === 'connecting' || change.status === 'reconnecting') {
    parts.push('attempting now')
  }
  return parts.join(' · ')
}

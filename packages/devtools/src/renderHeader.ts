import { describeStatus, formatTime } from './formatters'
import { h } from './h'
import type { PanelState } from './PanelState'

/** The status, the tab's role and the counts that matter, in one line. */
export function renderHeader(state: PanelState, now: number, pollingIntervalMs: number): HTMLElement {
  const current = state.statuses.at(-1)
  const { counts, role } = state
  const roleText =
    role.role === 'leader'
      ? `this tab (${role.tab}) leads: it holds the connection for every tab`
      : role.role === 'follower'
        ? `follows tab ${role.leaderTab ?? '…'}, which holds the connection`
        : 'this tab has its own connection'
  const count = (label: string, value: number | string, title: string) =>
    h('span', { class: 'count', title }, `${label} `, h('b', {}, String(value)))
  const polling = counts.pollingRequests
  const saved = polling === undefined ? undefined : Math.max(0, Math.round(polling) - counts.refetches)
  return h(
    'header',
    {},
    h(
      'span',
      { class: `badge ${current?.status ?? 'connecting'}`, 'data-status': current?.status },
      current?.status ?? '…',
    ),
    h('span', { class: 'status-detail' }, describeStatus(current, now)),
    h('span', { class: 'muted role', 'data-role': role.role }, roleText),
    count('events', counts.events, 'Frames received, cursor and connected frames excluded'),
    count('refetches caused', counts.refetches, 'Requests the binders made because of events'),
    count('marked stale', counts.markedStale, 'Keys not on screen: they refetch when next shown'),
    count('held', counts.held, 'Refetches the storm guard postponed'),
    count('patched', counts.patched, 'Keys updated from the event, without a request'),
    saved === undefined
      ? h(
          'span',
          { class: 'muted', title: 'Pass queryClient or keysOnScreen to the panel' },
          'vs polling: n/a',
        )
      : count(
          `polling every ${pollingIntervalMs / 1000} s would have made`,
          `${Math.round(polling ?? 0)} → saved ${saved}`,
          `Polling every ${pollingIntervalMs / 1000} s would have refetched the keys on screen ${Math.round(polling ?? 0)} times; the stream caused ${counts.refetches} refetches`,
        ),
    counts.dropped > 0 && h('span', { class: 'muted' }, `${counts.dropped} rows not kept`),
  )
}

/** The last status changes, oldest first: how the stream got where it is. */
export function renderTimeline(state: PanelState): HTMLElement {
  return h(
    'div',
    { class: 'timeline', title: 'Status changes, oldest first' },
    ...state.statuses
      .slice(-30)
      .map((change) =>
        h(
          'span',
          { class: `chip ${change.status}` },
          `${formatTime(change.at)} ${change.status}`,
          change.error ? ` (${change.error.code})` : '',
          change.retry ? ` wait ${(change.retry.inMs / 1000).toFixed(1)} s: ${change.retry.cause}` : '',
        ),
      ),
  )
}

import { formatBytes, formatDecision, formatTime, outcomeHelp } from './formatters'
import { h } from './h'
import { noticeCount } from './linkDecisions'
import type { PanelEvent } from './PanelState'

/** Frames that only move the resume point or open the stream: greyed, and hidden unless asked. */
export const bookkeepingTypes = new Set(['cursor', 'connected'])

/** The event list's header: each column says what it means on hover. */
export function renderEventHead(): HTMLElement {
  const column = (label: string, title: string) => h('th', { title }, label)
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      column('time', 'When it arrived in this tab'),
      column('type', 'The event name on the wire'),
      column('id', 'The event id: where a reconnect resumes from (frames that overtook others carry none)'),
      column('topics', 'The topics it was published to, as the protocol implies them'),
      column(
        'lane',
        'instant: written at once; batched/coalesced: held until the next flush (coalesced keeps only the latest value)',
      ),
      column('size', "The data's size"),
      column(
        'what the binders did',
        'Per cache key: refetched, marked stale, patched, held by the storm guard, or skipped',
      ),
    ),
  )
}

/** One row: the frame, and what the binders did because of it. */
export function renderEventRow(event: PanelEvent, selected: boolean): HTMLElement {
  const { description } = event
  const did =
    event.decisions.length === 0
      ? h(
          'span',
          { class: 'muted', title: 'No cached key concerned, or the binders have not flushed yet' },
          noticeCount(event) > 0 ? 'nothing cached' : '',
        )
      : h(
          'span',
          {},
          ...event.decisions.map((decision) =>
            h(
              'span',
              { class: `outcome ${decision.outcome}`, title: outcomeHelp[decision.outcome] },
              formatDecision(decision),
            ),
          ),
        )
  const classes = ['event', selected ? 'selected' : '', bookkeepingTypes.has(event.type) ? 'bookkeeping' : '']
  return h(
    'tr',
    { class: classes.join(' ').trim(), 'data-seq': String(event.seq), 'data-type': event.type },
    h('td', {}, formatTime(event.at)),
    h('td', {}, event.type),
    h('td', {}, event.id ?? '—'),
    h('td', {}, description.topics.join(', ') || (description.lane === 'unknown' ? '?' : '')),
    h('td', {}, description.lane === 'none' ? '' : description.lane),
    h('td', {}, `${description.approximate ? '≈' : ''}${formatBytes(description.bytes)}`),
    h('td', { class: 'did' }, did),
  )
}

/** The selected event in full: its data as JSON (or raw text), and every decision with its cause. */
export function renderDetail(event: PanelEvent | undefined): HTMLElement {
  if (!event) return h('div', { class: 'muted' }, 'Select an event to see its data and what the binders did.')
  let body = event.data
  if (!event.truncated) {
    try {
      body = JSON.stringify(JSON.parse(event.data), null, 2)
    } catch {
      // Not JSON: shown as it came.
    }
  }
  return h(
    'div',
    {},
    h(
      'div',
      {},
      h('b', {}, event.type),
      ' ',
      event.id ?? '',
      ' ',
      h('span', { class: 'muted' }, formatTime(event.at)),
    ),
    event.truncated &&
      h('div', { class: 'muted' }, `Data cut for the panel: ${formatBytes(event.description.bytes)} in all.`),
    h('pre', { class: 'json' }, body),
    event.decisions.length > 0 &&
      h(
        'ul',
        {},
        ...event.decisions.map((decision) =>
          h(
            'li',
            {},
            formatDecision(decision),
            h('span', { class: 'muted' }, ` (${decision.cause}${decision.kind ? `, ${decision.kind}` : ''})`),
          ),
        ),
      ),
  )
}

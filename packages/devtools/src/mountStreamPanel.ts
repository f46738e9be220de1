import type { EventStream } from '@ssehub/client'
import { createPanelStore, type PanelStore } from './createPanelStore'
import { outcomeHelp, outcomeLabels } from './formatters'
import { h } from './h'
import { matchesTopicFilter } from './matchesTopicFilter'
import type { PanelOptions } from './PanelOptions'
import { panelStyles } from './panelStyles'
import { bookkeepingTypes, renderDetail, renderEventHead, renderEventRow } from './renderEvents'
import { renderHeader, renderTimeline } from './renderHeader'

/** Options of {@link mountStreamPanel}. */
export interface StreamPanelOptions extends PanelOptions {
  /** The stream to watch: one made by `createEventStream`. */
  stream: EventStream<object>
  /** @default 'light' */
  theme?: 'light' | 'dark'
  /**
   * Draws a small "ssehub" button in a corner that opens the panel as a drawer over the page, for apps
   * without TanStack Devtools.
   * @default false
   */
  floating?: boolean
  /**
   * Rows drawn at once, newest first (the store keeps `maxEvents`).
   * @default 100
   */
  maxRows?: number
}

/** A mounted panel; see {@link mountStreamPanel}. */
export interface MountedStreamPanel {
  readonly store: PanelStore
  /** Removes the panel and stops watching the stream. Idempotent. */
  unmount(): void
}

/** The panel draws at most this often, however fast events arrive. */
const MIN_DRAW_INTERVAL_MS = 150
/** And leaves the page at least this many times the time its last draw took: a costly draw waits longer. */
const DRAW_COST_FACTOR = 8

/**
 * Mounts the ssehub panel into `element` (inside a shadow root, so styles don't cross): the stream's
 * status over time, every event with what the binders did with it, the tab's role and the counts that
 * matter; filter by type and topic, pause, clear. Works in any app (React, Vue, none).
 *
 * @example
 * if (import.meta.env.DEV) {
 *   const { mountStreamPanel } = await import('@ssehub/devtools')
 *   mountStreamPanel(document.body, { stream, queryClient, floating: true })
 * }
 */
export function mountStreamPanel(element: HTMLElement, options: StreamPanelOptions): MountedStreamPanel {
  const { stream, theme = 'light', floating = false, maxRows = 100, ...panelOptions } = options
  const store = createPanelStore(stream, panelOptions)
  const pollingIntervalMs = panelOptions.pollingIntervalMs ?? 30_000
  const host = h('div', { 'data-ssehub-devtools': '' })
  const root = host.attachShadow({ mode: 'open' })
  const view = { type: '', topic: '', showBookkeeping: false, selected: undefined as number | undefined }

  const header = h('div')
  const timeline = h('div')
  const typeSelect = h('select', { 'aria-label': 'type filter', name: 'type' }) as HTMLSelectElement
  const topicInput = h('input', {
    'aria-label': 'topic filter',
    name: 'topic',
    placeholder: 'topic: orders, orders.*, imports.>',
  }) as HTMLInputElement
  const bookkeeping = h('input', { type: 'checkbox', name: 'bookkeeping' }) as HTMLInputElement
  const pauseButton = h('button', { type: 'button', name: 'pause' }, 'pause')
  const clearButton = h('button', { type: 'button', name: 'clear' }, 'clear')
  const rows = h('tbody')
  const detail = h('aside', { class: 'detail' })
  const legend = h(
    'details',
    { class: 'legend' },
    h('summary', {}, 'What the binders do'),
    ...Object.entries(outcomeHelp).map(([outcome, help]) =>
      h('div', {}, h('b', {}, outcomeLabels[outcome as keyof typeof outcomeLabels]), `: ${help}`),
    ),
  )
  const panel = h(
    'div',
    { class: `panel ${theme}` },
    header,
    timeline,
    h(
      'div',
      { class: 'toolbar' },
      typeSelect,
      topicInput,
      h('label', {}, bookkeeping, ' show cursor/connected'),
      pauseButton,
      clearButton,
    ),
    h('div', { class: 'body' }, h('div', { class: 'list' }, h('table', {}, renderEventHead(), rows)), detail),
    legend,
  )
  root.append(h('style', {}, panelStyles), panel)

  let drawTimer: ReturnType<typeof setTimeout> | undefined
  let lastDrawAt = 0
  let drawIntervalMs = MIN_DRAW_INTERVAL_MS
  const draw = () => {
    drawTimer = undefined
    lastDrawAt = Date.now()
    const startedAt = performance.now()
    const state = store.getState()
    header.replaceChildren(renderHeader(state, lastDrawAt, pollingIntervalMs))
    timeline.replaceChildren(renderTimeline(state))
    const options = ['', ...state.types]
    if (typeSelect.options.length !== options.length) {
      typeSelect.replaceChildren(...options.map((type) => h('option', { value: type }, type || 'all types')))
      typeSelect.value = view.type
    }
    pauseButton.textContent = state.paused ? 'resume' : 'pause'
    const shown = []
    for (let index = state.events.length - 1; index >= 0 && shown.length < maxRows; index--) {
      const event = state.events[index]
      if (!event) continue
      if (!view.showBookkeeping && bookkeepingTypes.has(event.type)) continue
      if (view.type && event.type !== view.type) continue
      if (!matchesTopicFilter(event.description.topics, view.topic)) continue
      shown.push(renderEventRow(event, event.seq === view.selected))
    }
    rows.replaceChildren(...shown)
    detail.replaceChildren(renderDetail(state.events.find((event) => event.seq === view.selected)))
    drawIntervalMs = Math.max(MIN_DRAW_INTERVAL_MS, DRAW_COST_FACTOR * (performance.now() - startedAt))
    // A pending retry counts down: draw again in a second.
    if (state.statuses.at(-1)?.retry) schedule()
  }
  const schedule = () => {
    if (drawTimer !== undefined) return
    drawTimer = setTimeout(draw, Math.max(0, drawIntervalMs - (Date.now() - lastDrawAt)))
  }
  const redraw = () => {
    if (drawTimer !== undefined) clearTimeout(drawTimer)
    draw()
  }

  typeSelect.addEventListener('change', () => {
    view.type = typeSelect.value
    redraw()
  })
  topicInput.addEventListener('input', () => {
    view.topic = topicInput.value
    redraw()
  })
  bookkeeping.addEventListener('change', () => {
    view.showBookkeeping = bookkeeping.checked
    redraw()
  })
  // A click shows at once, whatever the drawing pace under a flood.
  pauseButton.addEventListener('click', () => {
    store.setPaused(!store.getState().paused)
    redraw()
  })
  clearButton.addEventListener('click', () => {
    view.selected = undefined
    store.clear()
    redraw()
  })
  rows.addEventListener('click', (event) => {
    const row = (event.target as Element).closest('tr')
    view.selected = Number(row?.getAttribute('data-seq')) || undefined
    redraw()
  })

  const stopListening = store.subscribe(schedule)
  const toggle = floating
    ? h('button', { type: 'button', class: 'floating-toggle', name: 'ssehub' }, 'ssehub')
    : undefined
  if (toggle) {
    panel.classList.add('floating-drawer')
    panel.hidden = true
    toggle.addEventListener('click', () => {
      panel.hidden = !panel.hidden
    })
    root.append(toggle)
  }
  element.append(host)
  draw()

  let mounted = true
  return {
    store,
    unmount() {
      if (!mounted) return
      mounted = false
      if (drawTimer !== undefined) clearTimeout(drawTimer)
      stopListening()
      store.dispose()
      host.remove()
    },
  }
}

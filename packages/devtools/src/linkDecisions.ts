import type { BinderReport } from '@ssehub/client'
import type { PanelDecision, PanelEvent } from './PanelState'

/** Frame types a binder acts on, and how many notices each gives it. */
export function noticeCount(event: Pick<PanelEvent, 'type' | 'description'>): number {
  if (event.type === 'resync') return 1
  if (['invalidate', 'batch', 'complete', 'signal'].includes(event.type))
    return event.description.items.length
  return 0
}

/**
 * Puts each decision of a binder's report on the frames that caused it. A report covers the notices of
 * one flush, which are the newest frames' notices, in order: walking back from the newest frame until
 * the report's notice count is reached finds them. Among those, a decision goes to the frames whose
 * items it names (a resync decision to the resync frame). Returns the decisions that found no frame:
 * a frame scrolled out or the panel was paused.
 */
export function linkDecisions(recent: readonly PanelEvent[], report: BinderReport): PanelDecision[] {
  const flushed: PanelEvent[] = []
  let remaining = report.notices.length
  for (let index = recent.length - 1; index >= 0 && remaining > 0; index--) {
    const event = recent[index] as PanelEvent
    const count = noticeCount(event)
    if (count === 0) continue
    flushed.push(event)
    remaining -= count
  }
  const unlinked: PanelDecision[] = []
  for (const decision of report.decisions) {
    const { key, outcome, cause, kind, retryInMs } = decision
    const kept: PanelDecision = { key, outcome, cause, kind, retryInMs }
    const targets = flushed.filter((event) =>
      cause === 'resync'
        ? event.type === 'resync'
        : decision.events.some((concerned) =>
            event.description.items.some(
              (item) =>
                item.resource === concerned.resource &&
                (concerned.id === undefined || String(item.id) === String(concerned.id)),
            ),
          ),
    )
    for (const target of targets) target.decisions.push(kept)
    if (targets.length === 0) unlinked.push(kept)
  }
  return unlinked
}

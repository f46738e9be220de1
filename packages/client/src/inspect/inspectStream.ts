import type { EventStream } from '../createEventStream'
import { EventStreamError } from '../EventStreamError'
import { reportError } from '../reportError'
import type { InspectionListener, InspectionRecord } from './InspectionRecord'
import { inspectorOf, type StreamInspector } from './StreamInspector'

/** Every inspector's listeners, kept here so that a stream nobody inspects carries no set at all. */
const listenersOf = new WeakMap<StreamInspector, Set<InspectionListener>>()

/**
 * Watches everything a stream does, for devtools and debugging: status changes with their error and
 * the wait before the next attempt, every frame as it arrived, the tab's role when tabs share the
 * connection, and what each cache binder bound to the stream decided per key. The listener first gets
 * the current status and role, then every record as it happens, synchronously; a listener that throws
 * is reported and disturbs nothing else. Returns the function that stops listening.
 *
 * A stream nobody inspects builds no record; this function is the only way in, so an app that never
 * imports it (or `@ssehub/devtools`) ships none of it.
 *
 * @example
 * const stop = inspectStream(stream, (record) => {
 *   if (record.kind === 'decisions') console.table(record.report.decisions)
 * })
 */
export function inspectStream(stream: Pick<EventStream, 'status'>, listener: InspectionListener): () => void {
  if (typeof listener !== 'function') {
    throw new EventStreamError('invalid_option', 'inspectStream needs a listener function')
  }
  const inspector = typeof stream === 'object' && stream !== null ? inspectorOf(stream) : undefined
  if (!inspector) {
    throw new EventStreamError('invalid_option', 'inspectStream needs a stream made by createEventStream')
  }
  let listeners = listenersOf.get(inspector)
  if (!listeners) {
    const set = new Set<InspectionListener>()
    listeners = set
    listenersOf.set(inspector, set)
    inspector.emit = (record) => {
      for (const each of [...set]) deliver(each, record)
    }
  }
  // A wrapper per call, so one function listening twice is also removed one at a time.
  const entry: InspectionListener = (record) => listener(record)
  listeners.add(entry)
  for (const record of inspector.snapshot()) deliver(entry, record)
  const set = listeners
  return function stopInspecting() {
    set.delete(entry)
    if (set.size > 0 || listenersOf.get(inspector) !== set) return
    // The last one left: the stream goes back to building nothing.
    listenersOf.delete(inspector)
    inspector.emit = undefined
  }
}

function deliver(listener: InspectionListener, record: InspectionRecord): void {
  try {
    listener(record)
  } catch (error) {
    reportError(error)
  }
}

import type { InspectionListener, InspectionRecord } from './InspectionRecord'

/** The key under which a stream carries its inspector: global, so two copies of the client agree on it. */
const inspectorKey = Symbol.for('@ssehub/client/inspector')

/**
 * A stream's seam for devtools: one slot, empty until `inspectStream` fills it. Callers build a record
 * only when `emit` is set, so a stream nobody watches pays one property read per event.
 */
export interface StreamInspector {
  emit: InspectionListener | undefined
  /** The status and role as they are now, for a listener that joins late. */
  snapshot(): InspectionRecord[]
}

/** Attaches `inspector` to `stream`, hidden: not enumerable, not part of the `EventStream` type. */
export function attachInspector(stream: object, inspector: StreamInspector): void {
  Object.defineProperty(stream, inspectorKey, { value: inspector })
}

/** The inspector of a stream made by `createEventStream` (of any copy of the client), else `undefined`. */
export function inspectorOf(stream: object): StreamInspector | undefined {
  const inspector = (stream as { [inspectorKey]?: StreamInspector })[inspectorKey]
  return typeof inspector?.snapshot === 'function' ? inspector : undefined
}

export type { BinderDecision, BinderReport, DecisionOutcome } from './bind/BinderDecision'
export type { BackoffOptions } from './createBackoff'
export type { EventStream } from './createEventStream'
export { createEventStream } from './createEventStream'
export type { EventStreamStatus } from './createStatusStore'
export type { EventStreamErrorCode, EventStreamErrorOptions } from './EventStreamError'
export { EventStreamError } from './EventStreamError'
export type { EventStreamOptions, HeadersSource } from './EventStreamOptions'
export type {
  InspectionListener,
  InspectionRecord,
  RetryCause,
  RetryPlan,
  TabRole,
} from './inspect/InspectionRecord'
export { inspectStream } from './inspect/inspectStream'
export type {
  EventHandler,
  EventMeta,
  InvalidationData,
  ProtocolEvents,
  StreamEvents,
} from './ProtocolEvents'
export type { Progress, ProgressState } from './trackProgress'
export { trackProgress } from './trackProgress'

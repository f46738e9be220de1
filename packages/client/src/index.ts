export type {
  ClientErrorCode,
  CompleteData,
  ConnectedData,
  ErrorCode,
  InvalidationData,
  ProgressData,
  ProtocolEvents,
  ResyncReason,
  ServerErrorCode,
} from '@ssehub/protocol'
export type { EventStreamLease } from './acquireEventStream'
export { acquireEventStream, sharedStreamKey } from './acquireEventStream'
export type { BinderDecision, BinderReport, DecisionOutcome } from './bind/BinderDecision'
export type { BackoffOptions } from './createBackoff'
export type { EventStream } from './createEventStream'
export { createEventStream } from './createEventStream'
export type { EventStreamStatus } from './createStatusStore'
export type { EventStreamErrorCode, EventStreamErrorOptions } from './EventStreamError'
export { EventStreamError } from './EventStreamError'
export type { EventStreamOptions, HeadersSource } from './EventStreamOptions'
export type { FetchTicketOptions } from './fetchTicket'
export { fetchTicket } from './fetchTicket'
export type {
  InspectionListener,
  InspectionRecord,
  RetryCause,
  RetryPlan,
  TabRole,
} from './inspect/InspectionRecord'
export { inspectStream } from './inspect/inspectStream'
export type { EventHandler, EventMeta, StreamEvents } from './StreamEvents'
export type { Progress, ProgressJob, ProgressState } from './trackProgress'
export { trackProgress } from './trackProgress'

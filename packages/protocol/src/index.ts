export type { ClientErrorCode, ErrorBody, ErrorCode, ServerErrorCode } from './errors'
export type {
  CompleteData,
  ConnectedData,
  InvalidationData,
  ProgressData,
  ProtocolEvents,
  ReservedEventType,
  ResyncReason,
} from './events'

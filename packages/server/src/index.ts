export type {
  ClaimsToPrincipal,
  JwksOptions,
  JwtAlgorithm,
  JwtAuthOptions,
  JwtKeyOptions,
  MemoryTicketStoreOptions,
  TicketStore,
  TokenSources,
} from './auth/index'
export {
  authorizeTopics,
  createTicketId,
  defaultClaimsToPrincipal,
  isPatternAllowed,
  isTicketId,
  jwtAuth,
  memoryTicketStore,
} from './auth/index'
export type { Bus } from './Bus'
export type { ConnectionStats, DisconnectReason } from './Connection'
export { createHub } from './createHub'
export type { DropReason } from './DeliveryObserver'
export type { Frame } from './encodeFrame'
export { encodeFrame } from './encodeFrame'
export type { BusMessage, Group, HubEvent, Lane, ResyncReason } from './events'
export { groupMatches, isExpired } from './events'
export { flushIntervalFor } from './flushInterval'
export type { Audience, Hub } from './Hub'
export type { HubErrorCode, HubErrorOptions } from './HubError'
export { HubError } from './HubError'
export type { ConnectionInfo, EventMap, HubLimits, HubOptions } from './HubOptions'
export type { HubStats, LaneCounts } from './HubStats'
export type { MemoryBus } from './memoryBus'
export { memoryBus } from './memoryBus'
export type { MemoryReplayOptions } from './memoryReplay'
export { memoryReplay } from './memoryReplay'
export type { InvalidationSignal, PublishInput } from './messages'
export type { HubMetrics, HubMetricsOptions, MetricsRegistry, PromClient } from './metrics/index'
export { metricsHandler, noopHubMetrics } from './metrics/index'
export type { Authenticate, Principal } from './Principal'
export type { PublishFromOptions } from './publishFrom'
export type { ReplayResult, ReplayStore } from './ReplayStore'
export type { PendingConnection } from './streamHandler'
export { matchesPattern } from './topics'

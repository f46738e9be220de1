export type {
  AllowedOrigins,
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
  MAX_ALLOWED_TOPICS,
  memoryTicketStore,
  parsePrincipal,
  principalKey,
} from './auth/index'
export type { Authenticate, Principal } from './auth/Principal'
export { createHub } from './createHub'
export type { DashboardSamplingOptions } from './dashboard/createDashboardSampler'
export type { DashboardSample } from './dashboard/DashboardSample'
export type { DashboardHandlerOptions } from './dashboard/dashboardHandler'
export type { ConnectionStats } from './delivery/Connection'
export type { DropReason } from './delivery/DeliveryObserver'
export { flushIntervalFor } from './delivery/flushInterval'
export { assertPositiveIntegers } from './engine/assertPositiveIntegers'
export type { Bus, BusGap, BusHealth, BusSubscriber } from './engine/Bus'
export type { BusSubscribers } from './engine/busSubscribers'
export { busSubscribers } from './engine/busSubscribers'
export type { GapMarker, GapMarkerOptions } from './engine/gapMarker'
export { gapMarker } from './engine/gapMarker'
export type { HeadWaiters } from './engine/headWaiters'
export { headWaiters } from './engine/headWaiters'
export type { LogPosition } from './engine/logContinuity'
export { entryContinuity, headContinuity } from './engine/logContinuity'
export type { MemoryBus } from './engine/memoryBus'
export { memoryBus } from './engine/memoryBus'
export type { MemoryReplayOptions } from './engine/memoryReplay'
export { memoryReplay } from './engine/memoryReplay'
export type { ReplayResult, ReplayStore } from './engine/ReplayStore'
export type { BusMessage, Group, HubEvent, Lane, ResyncReason } from './events'
export { groupMatches, isExpired } from './events'
export type { Audience, Hub } from './Hub'
export type { HubErrorCode, HubErrorOptions } from './HubError'
export { HubError } from './HubError'
export type { ConnectionInfo, EventMap, HubLimits, HubOptions } from './HubOptions'
export type { HubStats, LaneCounts } from './HubStats'
export { PUBLISH_LATENCY_BUCKETS_MS } from './HubStats'
export type { LogFields, Logger } from './Logger'
export { consoleLogger } from './Logger'
export type {
  HubMetrics,
  HubMetricsOptions,
  MetricsRegistry,
  PromClient,
  PromRegistry,
} from './metrics/index'
export { metricsHandler, noopHubMetrics } from './metrics/index'
export type { InvalidationSignal, PublishInput } from './publish/messages'
export type { PublishFromOptions, PublishSource } from './publish/publishFrom'
export { matchesPattern } from './routing/topics'
export type { DisconnectReason, StreamState } from './stream/StreamLifecycle'
export type { PendingConnection } from './stream/streamHandler'
export type { Frame } from './wire/encodeFrame'
export { encodeFrame } from './wire/encodeFrame'

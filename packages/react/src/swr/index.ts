'use client'

// Everything of the root entry but the TanStack hook, so an SWR app never imports @tanstack/react-query.

export type { Progress } from '@ssehub/client'
export type { EventStreamProviderProps } from '../EventStreamProvider'
export { EventStreamProvider } from '../EventStreamProvider'
export { useEventStream } from '../useEventStream'
export { useProgress } from '../useProgress'
export type { OwnStreamOptions } from '../useResolvedStream'
export { useStreamListener } from '../useStreamListener'
export type { StreamState } from '../useStreamState'
export { useStreamStatus } from '../useStreamStatus'
export type { UseInvalidationStreamOptions } from './useInvalidationStream'
export { useInvalidationStream } from './useInvalidationStream'

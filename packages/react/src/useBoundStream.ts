import type { EventStream } from '@ssehub/client'
import { useEffect, useRef } from 'react'
import { type OwnStreamOptions, useResolvedStream } from './useResolvedStream'
import { type StreamState, useStreamState } from './useStreamState'

/**
 * The base of both `useInvalidationStream` flavours: resolves the stream, binds a cache to it in an effect
 * (again only when the stream or `cache` changes; the binder reads the latest options through `latest`,
 * so inline functions do not rebind on every render) and returns the stream's state.
 */
export function useBoundStream<Options extends OwnStreamOptions>(
  options: Options,
  hookName: string,
  cache: unknown,
  bind: (stream: EventStream, latest: { readonly current: Options }) => () => void,
): StreamState {
  const stream = useResolvedStream(options, hookName)
  const latest = useRef(options)
  latest.current = options
  const bindRef = useRef(bind)
  bindRef.current = bind
  // `cache` stands for what `bind` closes over: a new QueryClient or mutate means binding again.
  useEffect(() => (stream ? bindRef.current(stream, latest) : undefined), [stream, cache])
  return useStreamState(stream, true)
}

import type { EventStream } from '@ssehub/client'
import { streamDevtoolsReactPlugin } from '@ssehub/devtools/react'
import { TanStackDevtools } from '@tanstack/react-devtools'
import type { QueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'

/** TanStack Devtools with the ssehub panel as a plugin, open on it by default. */
export default function Devtools({ stream, queryClient }: { stream: EventStream; queryClient: QueryClient }) {
  const plugins = useMemo(
    () => [streamDevtoolsReactPlugin({ stream, queryClient, defaultOpen: true })],
    [stream, queryClient],
  )
  return <TanStackDevtools plugins={plugins} />
}

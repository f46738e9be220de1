// The devtools panel in React: on its own, and as a TanStack Devtools plugin.
import type { EventStream } from '@ssehub/client'
import { StreamDevtoolsPanel, streamDevtoolsReactPlugin } from '@ssehub/devtools/react'

export function Panel({ stream }: { stream: EventStream }) {
  return <StreamDevtoolsPanel stream={stream} floating />
}

export const plugin = (stream: EventStream) => streamDevtoolsReactPlugin({ stream })

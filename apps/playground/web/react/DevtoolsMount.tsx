import { useEventStream } from '@ssehub/react'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'

// Loaded on demand: TanStack Devtools and the ssehub panel are a chunk of their own, not in the page's bundle.
const Devtools = lazy(() => import('./Devtools'))

/** Mounts TanStack Devtools with the ssehub panel for the page's stream and query client. */
export function DevtoolsMount() {
  const stream = useEventStream()
  const queryClient = useQueryClient()
  if (!stream) return null
  return (
    <Suspense fallback={null}>
      <Devtools stream={stream} queryClient={queryClient} />
    </Suspense>
  )
}

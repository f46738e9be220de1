// The TanStack Query binder, on query-core.
import type { EventStream } from '@ssehub/client'
import { bindQueryClient } from '@ssehub/client/query'
import { QueryClient } from '@tanstack/query-core'

export function bind(stream: EventStream): () => void {
  return bindQueryClient(stream, new QueryClient())
}

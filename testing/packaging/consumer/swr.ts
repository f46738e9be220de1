// The SWR binder, with SWR's own global mutate.
import type { EventStream } from '@ssehub/client'
import { bindSWR } from '@ssehub/client/swr'
import { mutate } from 'swr'

export function bind(stream: EventStream): () => void {
  return bindSWR(stream, mutate)
}

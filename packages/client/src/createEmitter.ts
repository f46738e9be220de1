import { reportError } from './reportError'

/** A map of event name → handlers; see {@link createEmitter}. */
export interface Emitter {
  on(
    type: string,
    handler: (data: unknown, meta: { id: string | undefined; type: string }) => void,
  ): () => void
  emit(type: string, data: unknown, id: string | undefined): void
  clear(): void
}

/**
 * Creates the per-type handler registry behind `stream.on`. A throwing handler is reported and does not
 * keep the others, or the stream, from running.
 */
export function createEmitter(): Emitter {
  const handlers = new Map<
    string,
    Set<(data: unknown, meta: { id: string | undefined; type: string }) => void>
  >()
  return {
    on(type, handler) {
      const set = handlers.get(type) ?? new Set()
      handlers.set(type, set)
      // A wrapper per call, so the same function registered twice is also removed one at a time.
      const entry: typeof handler = (data, meta) => handler(data, meta)
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
    emit(type, data, id) {
      for (const handler of [...(handlers.get(type) ?? [])]) {
        try {
          handler(data, { id, type })
        } catch (error) {
          reportError(error)
        }
      }
    },
    clear() {
      handlers.clear()
    },
  }
}

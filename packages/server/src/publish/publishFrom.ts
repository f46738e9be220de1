import type { PublishInput } from './messages'

export interface PublishFromOptions {
  /** Told about every error of the source or the mapping; the loop goes on after a mapping error. */
  onError?: (error: unknown, item?: unknown) => void
}

/**
 * Publishes what `toEvent` makes of every item of `source` until the source ends, `stop()` is called, or
 * the hub closes. A mapping that throws or a publish that rejects skips that item; a source that throws
 * ends the loop. Both are reported through `onError`, never thrown at the caller.
 */
export function consumeInto<Item>(
  source: AsyncIterable<Item>,
  toEvent: (item: Item) => PublishInput | null | undefined | Promise<PublishInput | null | undefined>,
  publish: (input: PublishInput) => Promise<string>,
  report: (error: unknown, item?: unknown) => void,
): { stop: () => void; done: Promise<void> } {
  let stopped = false
  let iterator: AsyncIterator<Item> | undefined
  const done = (async () => {
    try {
      iterator = source[Symbol.asyncIterator]()
      while (!stopped) {
        const next = await iterator.next()
        if (next.done || stopped) break
        try {
          const input = await toEvent(next.value)
          if (input) await publish(input)
        } catch (error) {
          report(error, next.value)
        }
      }
    } catch (error) {
      if (!stopped) report(error)
    }
  })()
  return {
    done,
    stop() {
      if (stopped) return
      stopped = true
      // Lets a generator run its `finally` (UNLISTEN, consumer close) even while it waits for an item.
      void Promise.resolve(iterator?.return?.()).catch(() => {})
    },
  }
}

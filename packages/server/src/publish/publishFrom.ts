import type { PublishInput } from './messages'

export interface PublishFromOptions {
  /** Told about every error of the source or the mapping; the loop goes on after a mapping error. */
  onError?: (error: unknown, item?: unknown) => void
}

/**
 * What `publishFrom` reads: an `AsyncIterable`, or a function that makes one from an `AbortSignal`. Take
 * the function form for a source that waits (a `LISTEN`, a queue consumer): the signal aborts when
 * `stop()` is called or the hub closes, so the source can end the wait and run its cleanup; a plain
 * iterable's `return()` is only reached after its pending `next()` settles.
 *
 * @example
 * hub.publishFrom((signal) => on(pgClient, 'notification', { signal }), ([n]) => toEvent(n))
 */
export type PublishSource<Item> = AsyncIterable<Item> | ((signal: AbortSignal) => AsyncIterable<Item>)

/**
 * Publishes what `toEvent` makes of every item of `source` until the source ends, `stop()` is called, or
 * the hub closes. A mapping that throws or a publish that rejects skips that item; a source that throws
 * ends the loop. Both are reported through `onError`, never thrown at the caller. `stop()` aborts the
 * signal a function source was given and asks the iterator to `return()`; `done` settles once the
 * source has let go.
 */
export function consumeInto<Item>(
  source: PublishSource<Item>,
  toEvent: (item: Item) => PublishInput | null | undefined | Promise<PublishInput | null | undefined>,
  publish: (input: PublishInput) => Promise<string>,
  report: (error: unknown, item?: unknown) => void,
): { stop: () => void; done: Promise<void> } {
  const controller = new AbortController()
  const { signal } = controller
  let iterator: AsyncIterator<Item> | undefined
  const done = (async () => {
    try {
      const iterable = typeof source === 'function' ? source(signal) : source
      iterator = iterable[Symbol.asyncIterator]()
      while (!signal.aborted) {
        const next = await iterator.next()
        if (next.done || signal.aborted) break
        try {
          const input = await toEvent(next.value)
          if (input) await publish(input)
        } catch (error) {
          report(error, next.value)
        }
      }
    } catch (error) {
      // A source ended by the abort may throw the abort's reason: that is how it was asked to end.
      if (!signal.aborted) report(error)
    }
  })()
  return {
    done,
    stop() {
      if (signal.aborted) return
      controller.abort()
      // Lets a generator run its `finally` (UNLISTEN, consumer close) once its pending `next()` settles.
      void Promise.resolve(iterator?.return?.()).catch(() => {})
    },
  }
}

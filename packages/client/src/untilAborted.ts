/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts, whichever comes first:
 * an app's `getTicket` or `headers` that ignores the signal (or never settles) cannot keep a closed
 * stream's attempt alive, nor have it go on to its next step. The listener goes either way.
 */
export function untilAborted<Value>(
  promise: Value | PromiseLike<Value>,
  signal: AbortSignal,
): Promise<Value> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    Promise.resolve(promise)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
  })
}

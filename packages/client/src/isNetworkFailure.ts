/** Names of the errors a request rejects with when it never got an answer (aborted or timed out included). */
const networkErrorNames = new Set(['TypeError', 'AbortError', 'TimeoutError', 'NetworkError'])

/**
 * Whether `error` means "no answer from the network" rather than "an answer that said no": the browser
 * says it is offline, or `error`, or an error in its `cause` chain, is what `fetch` rejects with when
 * the request fails (a `TypeError`) or is cut short (`AbortError`, `TimeoutError`).
 */
export function isNetworkFailure(error: unknown): boolean {
  if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) return true
  let current = error
  // A few levels are enough for an app's own wrapping, and a cycle cannot hang.
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, cause } = current as { name?: unknown; cause?: unknown }
    if (typeof name === 'string' && networkErrorNames.has(name)) return true
    current = cause
  }
  return false
}

/**
 * Calls `onWake` when the device comes back online or the page becomes visible again: the moments a
 * pending backoff wait is no longer worth sitting out. Returns the function that removes both listeners.
 * Where there is no `window`/`document` (Node), there is nothing to listen to.
 */
export function listenForWake(onWake: () => void): () => void {
  const target = globalThis as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>
  const doc = (globalThis as { document?: Document }).document
  const onVisibilityChange = () => {
    if (doc?.visibilityState === 'visible') onWake()
  }
  target.addEventListener?.('online', onWake)
  doc?.addEventListener('visibilitychange', onVisibilityChange)
  return () => {
    target.removeEventListener?.('online', onWake)
    doc?.removeEventListener('visibilitychange', onVisibilityChange)
  }
}

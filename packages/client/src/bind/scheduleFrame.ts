/**
 * Runs `callback` once, at the next animation frame, or after a macrotask (`setTimeout` 0) where there
 * are no frames: in Node, in workers, and in a hidden tab, where `requestAnimationFrame` waits until the tab
 * is shown again and an invalidation would wait with it. Returns the function that cancels the call.
 */
export function scheduleFrame(callback: () => void): () => void {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden'
  if (typeof requestAnimationFrame === 'function' && !hidden) {
    const handle = requestAnimationFrame(() => callback())
    return () => cancelAnimationFrame(handle)
  }
  const timer = setTimeout(callback, 0)
  return () => clearTimeout(timer)
}

import { listenForWake } from './listenForWake'

/** How a {@link sleep} may end early. */
export interface SleepOptions {
  /** Ends the wait at once (the stream was closed). */
  signal: AbortSignal
  /** Whether coming online or becoming visible ends the wait: yes for backoff, never for a server's delay. */
  wakeEarly: boolean
  /** With `wakeEarly`, a `wake` event on it also ends the wait (another tab saw the device wake up). */
  wakeTarget?: EventTarget
}

/**
 * Waits `ms`, or less when aborted or woken. Resolves either way, never rejects, and leaves no timer or
 * listener behind: every one is removed the moment the wait ends, however it ends.
 */
export function sleep(ms: number, { signal, wakeEarly, wakeTarget }: SleepOptions): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    let stopListening: (() => void) | undefined
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      stopListening?.()
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
    if (wakeEarly) {
      const stopListeningForWake = listenForWake(done)
      wakeTarget?.addEventListener('wake', done)
      stopListening = () => {
        stopListeningForWake()
        wakeTarget?.removeEventListener('wake', done)
      }
    }
  })
}

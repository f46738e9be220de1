/** What `gapMarker` needs: how to append the marker, and how long to wait between attempts. */
export interface GapMarkerOptions {
  /** Appends one gap marker to the shared log (every node's reader then reports a gap). Rejects when it can't. */
  append(): Promise<unknown>
  /** Wait between attempts while the engine is unreachable. @default 500 */
  retryMs?: number
}

/** A pending notice that a publish failed, written to the shared log as soon as it takes writes again. */
export interface GapMarker {
  /** A publish failed: append a marker after this moment (again, if one is already on its way). */
  owe(): void
  /** Whether a marker is still to be written. */
  readonly owed: boolean
  /** Stops trying; a marker not yet written is given up (the process is going away). */
  close(): void
}

/**
 * The cluster-wide half of "no silent loss" for a failed publish: the event it carried reached no node,
 * so once the engine takes writes again a marker goes into the log, and every node that reads it reports
 * a gap (its hub sends `resync`), so the mutation behind the lost event is still refetched everywhere.
 * One marker covers every publish that failed before it was appended; attempts are retried every
 * `retryMs` on an unref'd timer, one at a time, so an outage costs one timer, not one per failed publish.
 */
export function gapMarker({ append, retryMs = 500 }: GapMarkerOptions): GapMarker {
  let owed = false
  let inFlight = false
  let again = false
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined

  function attempt(): void {
    timer = undefined
    if (closed || !owed) return
    inFlight = true
    again = false
    append().then(
      () => {
        inFlight = false
        // A publish that failed while this marker was on its way may have failed after it landed.
        owed = again
        if (owed) retryLater(0)
      },
      () => {
        inFlight = false
        retryLater(retryMs)
      },
    )
  }

  function retryLater(delayMs: number): void {
    if (closed || timer !== undefined) return
    timer = setTimeout(attempt, delayMs)
    // A pending marker must never keep the process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  return {
    owe() {
      if (closed) return
      if (inFlight) again = true
      owed = true
      if (!inFlight) retryLater(retryMs)
    },
    get owed() {
      return owed
    },
    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}

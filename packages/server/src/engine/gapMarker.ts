/** What `gapMarker` needs: how to append the marker, and how long to wait between attempts. */
export interface GapMarkerOptions {
  /** Appends one gap marker to the shared log (every node's reader then reports a gap). Rejects when it can't. */
  append(): Promise<unknown>
  /** Wait between background attempts while the engine is unreachable. @default 500 */
  retryMs?: number
}

/** A pending notice that a publish failed, written to the shared log as soon as it takes writes again. */
export interface GapMarker {
  /** A publish failed: a marker must land after this moment (another one, if one is already on its way). */
  owe(): void
  /**
   * Resolves once no marker is owed, appending it now if one is: a publish awaits this first, so no
   * event lands between a failure and its marker. Rejects when the marker can't be appended.
   */
  flush(): Promise<void>
  /** Whether a marker is still to be written. */
  readonly owed: boolean
  /** Stops trying; a marker not yet written is given up (the process is going away). */
  close(): void
}

/**
 * The cluster-wide half of "no silent loss" for a failed publish: the event it carried reached no node,
 * so once the engine takes writes again a marker goes into the log, before any later event, and every
 * node that reads it reports a gap (its hub sends `resync`): the mutation behind the lost event is still
 * refetched everywhere. One marker covers every publish that failed before it landed. Attempts run one at
 * a time, in the background every `retryMs` on an unref'd timer, and in front of the next publish.
 */
export function gapMarker({ append, retryMs = 500 }: GapMarkerOptions): GapMarker {
  let owed = false
  let closed = false
  let again = false
  let attempt: Promise<void> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  function run(): Promise<void> {
    if (attempt) return attempt
    again = false
    attempt = append().then(
      () => {
        attempt = undefined
        // A publish that failed while this marker was on its way may have failed after it landed.
        owed = again
        if (owed) schedule(0)
      },
      (error: unknown) => {
        attempt = undefined
        schedule(retryMs)
        throw error
      },
    )
    return attempt
  }

  function schedule(delayMs: number): void {
    if (closed || timer !== undefined || !owed) return
    timer = setTimeout(() => {
      timer = undefined
      if (!closed && owed && !attempt) run().catch(() => {})
    }, delayMs)
    // A pending marker must never keep the process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  return {
    owe() {
      if (closed) return
      owed = true
      if (attempt) again = true
      else schedule(retryMs)
    },
    async flush() {
      while (owed && !closed) await run()
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

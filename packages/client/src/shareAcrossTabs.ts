import { resolveUrl } from './buildStreamUrl'
import { type Connection, type ConnectionCallbacks, connectWithRetry } from './connectWithRetry'
import type { EventStreamStatus } from './createStatusStore'
import { EventStreamError } from './EventStreamError'
import type { EventStreamOptions } from './EventStreamOptions'
import type { RetryPlan } from './inspect/InspectionRecord'
import { listenForWake } from './listenForWake'
import type { StreamFrame } from './readEventStream'

/** An error as it crosses a `BroadcastChannel`, which would drop its class and fields. */
interface ErrorSnapshot {
  code: string
  message: string
  status: number | undefined
}

/** What tabs say to each other on the stream's channel. */
type TabMessage =
  | { kind: 'hello' }
  | { kind: 'wake' }
  | { kind: 'frame'; frame: StreamFrame }
  | {
      kind: 'status'
      status: EventStreamStatus
      error: ErrorSnapshot | undefined
      lastEventId: string | undefined
      retry: RetryPlan | undefined
      /** The leader's tab id, so followers (and their devtools) know who leads. */
      tab: string
    }

/** Whether this runtime has what {@link shareAcrossTabs} needs: Web Locks and `BroadcastChannel`. */
export function canShareAcrossTabs(): boolean {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks
  return typeof locks?.request === 'function' && typeof globalThis.BroadcastChannel === 'function'
}

/**
 * Joins the tabs of this origin that stream the same url and topics. The tab holding the Web Lock of
 * that name connects and relays every frame and status change on a `BroadcastChannel`; the others
 * replay them, so the app sees the same thing in every tab. The lock moves on when its tab closes or
 * stops, and the next leader resumes from the last id relayed to it, so nothing is lost in between.
 */
export function shareAcrossTabs(
  options: EventStreamOptions,
  { onFrame, onStatus, onRole }: ConnectionCallbacks,
): Connection {
  // Tabs of another user (another shareKey) must never read this one's signals: a JSON array, so no
  // shareKey (an Auth0 id has a `|`) and url can run into each other.
  const name = `ssehub:${JSON.stringify([options.shareKey ?? '', resolveUrl(options.url).href, [...options.topics].sort()])}`
  const channel = new BroadcastChannel(name)
  const stopper = new AbortController()
  let leader: Connection | undefined
  let releaseLock: (() => void) | undefined
  let lastEventId: string | undefined
  let status: EventStreamStatus = 'connecting'
  let error: EventStreamError | undefined
  let retry: RetryPlan | undefined
  const tab = Math.random().toString(36).slice(2, 8)
  let leaderTab: string | undefined
  const post = (message: TabMessage) => channel.postMessage(message)
  const postStatus = () =>
    post({ kind: 'status', status, error: error && snapshot(error), lastEventId, retry, tab })

  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data
    if (leader) {
      // A new tab asks where things stand. A previous leader's fatal answer can arrive after its lock
      // did: it holds here too. Its other late words are covered by resuming from our last id.
      if (message.kind === 'hello') postStatus()
      if (message.kind === 'wake') leader.wake()
      if (message.kind === 'status' && message.status === 'closed') onStatus('closed', revive(message.error))
      return
    }
    if (message.kind === 'frame') {
      if (message.frame.id !== undefined) lastEventId = message.frame.id
      onFrame(message.frame)
    } else if (message.kind === 'status') {
      lastEventId = message.lastEventId ?? lastEventId
      status = message.status
      error = revive(message.error)
      retry = message.retry
      if (message.tab !== leaderTab) {
        leaderTab = message.tab
        onRole?.({ role: 'follower', tab, leaderTab })
      }
      onStatus(status, error, retry)
    }
  }
  onRole?.({ role: 'follower', tab })
  post({ kind: 'hello' })
  // Only this tab may have become visible: pass it on, so the leader's backoff wait ends as if it had.
  const wake = () => {
    if (leader) leader.wake()
    else if (status === 'connecting' || status === 'reconnecting') post({ kind: 'wake' })
  }
  const stopListeningForWake = listenForWake(wake)

  const lead = () =>
    new Promise<void>((release) => {
      if (stopper.signal.aborted || status === 'closed') return release()
      releaseLock = release
      leaderTab = tab
      onRole?.({ role: 'leader', tab })
      leader = connectWithRetry(
        options,
        { lastEventId, resuming: status !== 'connecting' },
        {
          onFrame(frame) {
            if (frame.id !== undefined) lastEventId = frame.id
            post({ kind: 'frame', frame })
            onFrame(frame)
          },
          onStatus(nextStatus, nextError, nextRetry) {
            status = nextStatus
            error = nextError
            retry = nextRetry
            postStatus()
            onStatus(nextStatus, nextError, nextRetry)
          },
        },
      )
    })
  navigator.locks.request(name, { signal: stopper.signal }, lead).catch(() => {
    // Rejected with an AbortError when this tab stops while still waiting for the lock: nothing to do.
  })

  return {
    get lastEventId() {
      return lastEventId
    },
    wake,
    stop() {
      stopListeningForWake()
      stopper.abort()
      leader?.stop()
      releaseLock?.()
      channel.onmessage = null
      channel.close()
    },
  }
}

function snapshot(error: EventStreamError): ErrorSnapshot {
  return { code: error.code, message: error.message, status: error.status }
}

function revive(error: ErrorSnapshot | undefined): EventStreamError | undefined {
  return error && new EventStreamError(error.code, error.message, { status: error.status })
}

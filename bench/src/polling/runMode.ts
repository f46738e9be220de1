import { type Mutation, startDashboardApi } from './DashboardApi'
import { type Mode, type Page, startUser } from './SimulatedUser'

export interface ModeResult {
  mode: Mode
  users: number
  durationSec: number
  requestsPerUserPerMin: number
  /** From a mutation's commit to the user's page showing it, over every (page, mutation) that concerned a page. */
  freshP50Ms: number
  freshP99Ms: number
  freshMaxMs: number
  /** (page, mutation) pairs measured, and those never seen fresh by the end of the tail. */
  samples: number
  stale: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `users` users in `mode` for `durationSec` with a mutation a second, then a tail that lets pollers catch up. */
export async function runMode(mode: Mode, users: number, durationSec: number): Promise<ModeResult> {
  const api = await startDashboardApi()
  const started = Array.from({ length: users }, () => ({
    user: undefined as ReturnType<typeof startUser> | undefined,
  }))
  // Users arrive over the first five seconds, as they would, so polls are not in lockstep.
  const arrivals = started.map((slot) =>
    sleep(Math.random() * 5000).then(() => (slot.user = startUser(api.url, mode))),
  )
  await Promise.all(arrivals)
  await sleep(2000)
  // Steady state: a user sitting on the dashboard, first loads done.
  const requestsBefore = api.apiRequests
  const mutator = setInterval(() => void api.mutate(), 1000)
  await sleep(durationSec * 1000)
  clearInterval(mutator)
  const requests = api.apiRequests - requestsBefore
  // Long enough for every poller to have polled once after the last mutation.
  await sleep(mode === 'polling' ? 31_000 : 2000)
  const pages = started.flatMap((slot) => slot.user?.pages ?? [])
  for (const slot of started) slot.user?.close()
  await api.close()
  const latencies = freshness(pages, api.mutations)
  const finite = latencies.filter(Number.isFinite).sort((a, b) => a - b)
  const at = (q: number) => finite[Math.min(finite.length - 1, Math.floor(q * finite.length))] ?? Number.NaN
  return {
    mode,
    users,
    durationSec,
    requestsPerUserPerMin: requests / users / (durationSec / 60),
    freshP50Ms: at(0.5),
    freshP99Ms: at(0.99),
    freshMaxMs: finite.at(-1) ?? Number.NaN,
    samples: latencies.length,
    stale: latencies.length - finite.length,
  }
}

/** For each page and each mutation that changed what it shows: how long until the page showed that version. */
function freshness(pages: Page[], mutations: Mutation[]): number[] {
  const latencies: number[] = []
  for (const page of pages) {
    const firstShownAtMs = page.seen[0]?.atMs ?? Number.POSITIVE_INFINITY
    for (const mutation of mutations) {
      // Before its first load the page showed nothing, so nothing on it was stale.
      if (mutation.atMs < firstShownAtMs) continue
      if (mutation.resource !== page.resource) continue
      if (page.id !== undefined && mutation.id !== page.id) continue
      const needed = page.id === undefined ? mutation.listVersion : mutation.recordVersion
      const fresh = page.seen.find((seen) => seen.version >= needed)
      latencies.push(fresh ? fresh.atMs - mutation.atMs : Number.POSITIVE_INFINITY)
    }
  }
  return latencies
}

import type { DecisionOutcome } from '@ssehub/client/query'
import { ApiServerProcess } from './ApiServerProcess'
import { type Mode, type PageSet, POLL_INTERVAL_MS, startUser } from './DashboardUser'
import type { ApiCounters } from './dashboardData'
import { freshnessSamples, type PageRecord, summarize } from './freshness'

export const MODES: readonly Mode[] = ['polling', 'ssehub-default', 'ssehub-tuned']
export const PAGE_SETS: readonly PageSet[] = ['all-six', 'one-visible']
const ALL_CONFIGS = PAGE_SETS.flatMap((pageSet) => MODES.map((mode) => ({ pageSet, mode })))

/** One row of the matrix: a workload, a page set and a mode, and what it cost and gave. */
export interface CellResult {
  tenants: number
  usersPerTenant: number
  perTenantPerMinute: number
  pageSet: PageSet
  mode: Mode
  requestsPerUserPerMin: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  samples: number
  neverFresh: number
  /** The API server's CPU over the window, as a share of one core. */
  serverCpuShare: number
  /** The same process's CPU before any user came (its idle cost: event loop, GC, timers), as a share of one core. */
  idleCpuShare: number
  apiBytesPerUserPerMin: number
  streamBytesPerUserPerMin: number
  /** What the binders decided over the window, by outcome (ssehub modes). */
  decisions: Partial<Record<DecisionOutcome, number>>
}

export interface SlotTiming {
  /** Mutations run this long before the window opens, so caches and storm guards are in their stride. */
  warmupMs: number
  windowMs: number
}

/**
 * The server side of the tuned set-up: a heartbeat every 30 s instead of the default 25 s (8 s on Bun,
 * whose idle timeout is 10 s). Proxies commonly wait 60 s, and each heartbeat costs CPU per open stream.
 */
export const TUNED_HUB = { heartbeatMs: 30_000 }

/** How long each server's idle CPU is read, before any user connects. */
const IDLE_MS = 5000
const cpuShare = (from: ApiCounters, to: ApiCounters) =>
  (to.cpuUs - from.cpuUs) / 1000 / (to.atMs - from.atMs)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One workload (tenants × users per tenant, writes per tenant per minute), every mode and page set (or
 * those of `configs`) side by side: one API server process per (mode, page set), each with its own users, all on one timeline so
 * they share the machine's conditions. Requests, bytes and server CPU are counted over the window; every
 * mutation committed in it is then followed until a poll must have seen it (30 s and a margin).
 */
export async function runSlot(
  tenants: number,
  usersPerTenant: number,
  perTenantPerMinute: number,
  { warmupMs, windowMs }: SlotTiming,
  configs: ReadonlyArray<{ pageSet: PageSet; mode: Mode }> = ALL_CONFIGS,
): Promise<{ results: CellResult[]; loadgenCpuShare: number }> {
  const runs = await Promise.all(
    configs.map(async (config) => ({
      ...config,
      server: await ApiServerProcess.start(config.mode === 'ssehub-tuned' ? TUNED_HUB : {}),
      pages: [] as PageRecord[],
      users: [] as Array<{ close(): void }>,
      decisions: {} as Partial<Record<DecisionOutcome, number>>,
      counting: false,
    })),
  )
  try {
    const idleStart = await Promise.all(runs.map((run) => run.server.counters()))
    await sleep(IDLE_MS)
    const idleEnd = await Promise.all(runs.map((run) => run.server.counters()))
    // Users arrive over two seconds, every configuration interleaved.
    const users = tenants * usersPerTenant
    for (let index = 0; index < users; index++) {
      const tenant = `t${index % tenants}`
      await Promise.all(
        runs.map(async (run) => {
          const user = await startUser(run.server.url, tenant, run.mode, run.pageSet, (report) => {
            if (!run.counting) return
            for (const { outcome } of report.decisions)
              run.decisions[outcome] = (run.decisions[outcome] ?? 0) + 1
          })
          run.users.push(user)
          run.pages.push(...user.pages)
        }),
      )
      await sleep(2000 / users)
    }
    await sleep(3000)
    await Promise.all(runs.map((run) => run.server.mutate(tenants, perTenantPerMinute, warmupMs + windowMs)))
    await sleep(warmupMs)
    const loadgenStart = process.cpuUsage()
    const before = await Promise.all(runs.map((run) => run.server.counters()))
    for (const run of runs) run.counting = true
    await sleep(windowMs)
    const after = await Promise.all(runs.map((run) => run.server.counters()))
    for (const run of runs) run.counting = false
    const loadgen = process.cpuUsage(loadgenStart)
    // Every mutation of the window must have had its chance: a poll comes within 30 s.
    await sleep(POLL_INTERVAL_MS + 2000)
    const results = await Promise.all(
      runs.map(async (run, index) => {
        const start = before[index] as ApiCounters
        const end = after[index] as ApiCounters
        const mutations = await run.server.mutations(start.atMs, end.atMs)
        const minutes = (end.atMs - start.atMs) / 60_000
        const perUserPerMin = (count: number) => count / users / minutes
        return {
          tenants,
          usersPerTenant,
          perTenantPerMinute,
          pageSet: run.pageSet,
          mode: run.mode,
          requestsPerUserPerMin: perUserPerMin(end.apiRequests - start.apiRequests),
          ...summarize(freshnessSamples(run.pages, mutations)),
          serverCpuShare: cpuShare(start, end),
          idleCpuShare: cpuShare(idleStart[index] as ApiCounters, idleEnd[index] as ApiCounters),
          apiBytesPerUserPerMin: perUserPerMin(end.apiBytes - start.apiBytes),
          streamBytesPerUserPerMin: perUserPerMin(end.streamBytes - start.streamBytes),
          decisions: run.decisions,
        } satisfies CellResult
      }),
    )
    return { results, loadgenCpuShare: (loadgen.user + loadgen.system) / 1000 / windowMs }
  } finally {
    for (const run of runs) for (const user of run.users) user.close()
    await Promise.all(runs.map((run) => run.server.stop()))
  }
}

import type { BusGap } from '../../engine/Bus'
import type { HubEvent } from '../../events'
import type { ContinuityEntry } from '../checkContinuity'
import type { EngineNode } from '../EngineHarness'

/** Throws the suite's contract violation: a plain `Error` whose message says what the engine did. */
export function fail(message: string): never {
  throw new Error(`[ssehub conformance] ${message}`)
}

/** Deep equality through JSON with sorted keys (what crosses every engine is JSON anyway). */
export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = canonicalJson(actual)
  const e = canonicalJson(expected)
  if (a !== e) fail(`${what}: expected ${e.slice(0, 1500)}, got ${a.slice(0, 1500)}`)
}

/** Waits until `check` holds, polling every 10 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) fail(`timed out waiting until ${what}`)
    await sleep(10)
  }
}

function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? 'undefined'
  )
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Everything one node's bus delivers, events and gaps, in order. */
export interface Collector {
  readonly events: HubEvent[]
  readonly gaps: BusGap[]
  readonly log: ContinuityEntry[]
  ids(): string[]
  has(id: string): boolean
  stop(): void
}

export function collect(node: EngineNode): Collector {
  const events: HubEvent[] = []
  const gaps: BusGap[] = []
  const log: ContinuityEntry[] = []
  const seen = new Set<string>()
  const stop = node.bus.subscribe({
    onEvent(event) {
      events.push(event)
      seen.add(event.id)
      log.push({ id: event.id })
    },
    onGap(gap) {
      gaps.push(gap)
      log.push({ gap: gap.reason })
    },
  })
  return { events, gaps, log, ids: () => events.map((event) => event.id), has: (id) => seen.has(id), stop }
}

/** Publishes until the engine takes it (after an outage or a wipe, it may refuse for a while). */
export async function publishWhenBack(
  node: EngineNode,
  message: Parameters<EngineNode['bus']['publish']>[0],
) {
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      return await node.bus.publish(message)
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(100)
    }
  }
}

let counter = 0

/** A distinct instant invalidation of `topic`, as the hub would publish it. */
export function message(topic = 'orders', group?: Record<string, string>) {
  counter += 1
  return {
    type: 'invalidate',
    topics: [topic, `${topic}.n${counter}`],
    data: JSON.stringify({ resource: topic, id: `n${counter}` }),
    lane: 'instant' as const,
    publishedAt: Date.now(),
    ...(group ? { group } : {}),
  }
}

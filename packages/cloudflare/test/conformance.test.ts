import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestOutcome } from './worker/miniRunner'
import { startWorkerd } from './workerd'

/**
 * The engine conformance suite of `@ssehub/server/testing`, run inside a Durable Object in workerd
 * against `durableObjectEngine` on that object's SQLite storage.
 */
let workerd: Awaited<ReturnType<typeof startWorkerd>>
beforeAll(async () => {
  workerd = await startWorkerd()
}, 60_000)
afterAll(() => workerd?.dispose())

it('durableObjectEngine passes the engine conformance suite, in workerd', async () => {
  const response = await fetch(`${workerd.url}/conformance`, { method: 'POST' })
  const outcomes = (await response.json()) as TestOutcome[]
  expect(outcomes.filter((outcome) => outcome.status === 'failed')).toEqual([])
  // Only the faults of a store reached over a network (a stalled or cut link, an outage) do not apply.
  const skipped = outcomes.filter((outcome) => outcome.status === 'skipped').map((outcome) => outcome.name)
  expect(skipped.every((name) => /has no (stall|cut|outage)\)$/.test(name))).toBe(true)
  expect(outcomes.filter((outcome) => outcome.status === 'passed').length).toBeGreaterThanOrEqual(15)
}, 300_000)

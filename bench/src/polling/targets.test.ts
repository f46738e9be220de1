import { describe, expect, it } from 'vitest'
import type { CellResult } from './runSlot'
import { checkTargets } from './targets'

function result(fields: Partial<CellResult>): CellResult {
  return {
    tenants: 50,
    usersPerTenant: 2,
    perTenantPerMinute: 1,
    pageSet: 'all-six',
    mode: 'polling',
    requestsPerUserPerMin: 12,
    p50Ms: 15_000,
    p99Ms: 29_700,
    maxMs: 30_000,
    samples: 100,
    neverFresh: 0,
    serverCpuShare: 0.04,
    idleCpuShare: 0.004,
    apiBytesPerUserPerMin: 20_000,
    streamBytesPerUserPerMin: 0,
    decisions: {},
    ...fields,
  }
}

describe('checkTargets', () => {
  it('checks the seed setting for both ssehub set-ups, and every cell for the defaults', () => {
    const verdicts = checkTargets([
      result({}),
      result({ mode: 'ssehub-default', requestsPerUserPerMin: 0.4, p99Ms: 120, serverCpuShare: 0.009 }),
      result({
        mode: 'ssehub-tuned',
        requestsPerUserPerMin: 0,
        p99Ms: 40,
        serverCpuShare: 0.011,
        idleCpuShare: 0.001,
      }),
    ])
    expect(verdicts.map(({ target, met }) => [target.split(':')[0], met])).toEqual([
      ['seed setting, ssehub-default', true],
      ['seed setting, ssehub-tuned', false],
      ['defaults make no more requests than polling', true],
      ["defaults' p99 freshness ≤ 2 s", true],
    ])
    expect(verdicts[1]?.detail).toBe(
      "0.00 req/user/min, p99 40 ms, CPU above idle 0.28× polling's (1.00 % vs 3.60 % of a core)",
    )
  })

  it('compares the CPU at scale', () => {
    const scale = [
      result({ tenants: 1000, serverCpuShare: 0.35, idleCpuShare: 0.01 }),
      result({ tenants: 1000, mode: 'ssehub-default', serverCpuShare: 0.05, idleCpuShare: 0.01 }),
      result({ tenants: 1000, mode: 'ssehub-tuned', serverCpuShare: 0.1, idleCpuShare: 0.01 }),
    ]
    expect(checkTargets([], scale).map(({ met, detail }) => [met, detail])).toEqual([
      [true, '0.12× (4.00 % vs 34.00 % of a core)'],
      [false, '0.26× (9.00 % vs 34.00 % of a core)'],
    ])
  })

  it('says why a storm cell misses', () => {
    const storm = { tenants: 1, usersPerTenant: 100, perTenantPerMinute: 60 }
    const verdicts = checkTargets([
      result({ ...storm }),
      result({ ...storm, mode: 'ssehub-default', requestsPerUserPerMin: 14, p99Ms: 15_200, neverFresh: 1 }),
    ])
    expect(verdicts.map((v) => v.met)).toEqual([false, false])
    expect(verdicts[0]?.detail).toMatch(
      /^14.00 vs 12.00 req\/user\/min: each list on screen hears of 10.0 changes/,
    )
    expect(verdicts[1]?.detail).toMatch(/^p99 15,200 ms: lists changed every 6 s/)
  })
})

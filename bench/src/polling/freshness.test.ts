import { describe, expect, it } from 'vitest'
import { freshnessSamples, type PageRecord, summarize } from './freshness'

const mutation = (resource: string, id: string, version: number, atMs: number, tenant = 't0') => ({
  tenant,
  resource,
  id,
  version,
  atMs,
})

function page(
  fields: Partial<Omit<PageRecord, 'seen'>> & { seen?: Record<string, Array<[number, number]>> },
): PageRecord {
  const { seen = {}, ...rest } = fields
  return {
    tenant: 't0',
    resource: 'orders',
    observed: true,
    firstShownAtMs: 0,
    ...rest,
    seen: new Map(
      Object.entries(seen).map(([id, shown]) => [id, shown.map(([version, atMs]) => ({ version, atMs }))]),
    ),
  }
}

describe('freshnessSamples', () => {
  it('times each mutation a page on screen shows, from commit to the first version at least as new', () => {
    const list = page({
      seen: {
        r1: [
          [0, 0],
          [2, 1500],
        ],
        r2: [[0, 0]],
      },
    })
    const record = page({
      id: 'r1',
      seen: {
        r1: [
          [0, 0],
          [1, 1200],
        ],
      },
    })
    const samples = freshnessSamples(
      [list, record],
      [
        mutation('orders', 'r1', 1, 1000),
        mutation('orders', 'r1', 2, 1100),
        mutation('orders', 'r2', 1, 1300),
      ],
    )
    // list: r1 v1 and v2 at 1500, r2 never; record: v1 at 1200, v2 never.
    expect(samples).toEqual([500, 400, Number.POSITIVE_INFINITY, 200, Number.POSITIVE_INFINITY])
  })

  it('ignores pages off screen, other tenants, other resources and what happened before the first load', () => {
    const samples = freshnessSamples(
      [
        page({ observed: false, seen: { r1: [[1, 5]] } }),
        page({ tenant: 't1', seen: { r1: [[1, 5]] } }),
        page({ resource: 'customers', seen: { r1: [[1, 5]] } }),
        page({ firstShownAtMs: 50, seen: { r1: [[1, 60]] } }),
        page({ seen: { r1: [[1, 5]] } }),
      ],
      [mutation('orders', 'r1', 1, 1)],
    )
    expect(samples).toEqual([4])
  })
})

describe('summarize', () => {
  it('takes nearest-rank percentiles of the finite samples and counts the rest', () => {
    const samples = [...Array.from({ length: 100 }, (_, i) => i + 1), Number.POSITIVE_INFINITY]
    expect(summarize(samples)).toEqual({ p50Ms: 50, p99Ms: 99, maxMs: 100, samples: 101, neverFresh: 1 })
    expect(summarize([])).toEqual({
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
      maxMs: Number.NaN,
      samples: 0,
      neverFresh: 0,
    })
  })
})

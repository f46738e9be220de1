import type { Mutation } from './dashboardData'

/** A page as the bench records it: which data it shows, and each record version it showed, with when. */
export interface PageRecord {
  tenant: string
  resource: string
  /** Set for a record page, absent for a list. */
  id?: string
  /** On screen (observed) for the whole run; only those count for freshness. */
  observed: boolean
  firstShownAtMs?: number
  /** Per record id, the versions shown, in order (epoch ms). */
  seen: Map<string, Array<{ version: number; atMs: number }>>
}

/**
 * For each page on screen and each mutation that changed what it shows (its tenant, resource, and record
 * for a record page) after it first showed data: the time from the commit to the page showing that
 * version or a later one, or `Infinity` when it never did.
 */
export function freshnessSamples(pages: readonly PageRecord[], mutations: readonly Mutation[]): number[] {
  const byResource = new Map<string, Mutation[]>()
  for (const mutation of mutations) {
    const name = `${mutation.tenant}/${mutation.resource}`
    byResource.set(name, [...(byResource.get(name) ?? []), mutation])
  }
  const samples: number[] = []
  for (const page of pages) {
    if (!page.observed || page.firstShownAtMs === undefined) continue
    for (const mutation of byResource.get(`${page.tenant}/${page.resource}`) ?? []) {
      if (mutation.atMs < page.firstShownAtMs) continue
      if (page.id !== undefined && mutation.id !== page.id) continue
      const shown = page.seen.get(mutation.id)?.find((seen) => seen.version >= mutation.version)
      samples.push(shown ? Math.max(0, shown.atMs - mutation.atMs) : Number.POSITIVE_INFINITY)
    }
  }
  return samples
}

/** p50, p99 and max of the finite samples (nearest rank), and how many never came. */
export function summarize(samples: readonly number[]) {
  const finite = samples.filter(Number.isFinite).sort((a, b) => a - b)
  const at = (q: number) => finite[Math.max(0, Math.ceil(q * finite.length) - 1)] ?? Number.NaN
  return {
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: finite.at(-1) ?? Number.NaN,
    samples: samples.length,
    neverFresh: samples.length - finite.length,
  }
}

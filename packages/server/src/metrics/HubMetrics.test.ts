import { describe, expect, it } from 'vitest'
import { HUB_METRICS_METHODS, noopHubMetrics } from './HubMetrics'

describe('noopHubMetrics', () => {
  it('has every method, each doing nothing and returning nothing', () => {
    expect(HUB_METRICS_METHODS).toHaveLength(11)
    for (const name of HUB_METRICS_METHODS) {
      expect((noopHubMetrics[name] as (...args: unknown[]) => unknown)('instant', 1)).toBeUndefined()
    }
  })

  it('is frozen, so nobody patches the shared instance', () => {
    expect(Object.isFrozen(noopHubMetrics)).toBe(true)
  })
})

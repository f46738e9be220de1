import { Hono } from 'hono'
import * as prom from 'prom-client'
import { afterEach, describe, expect, it } from 'vitest'
import { createHub } from '../createHub'
import type { Hub } from '../Hub'
import { parseExposition } from './parseExposition.testing'

const hubs: Hub[] = []
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()))
})

describe('hub.metricsHandler on a shared registry', () => {
  it('serves every hub and the app metrics registered on it, from any one hub', async () => {
    const registry = new prom.Registry()
    new prom.Gauge({ name: 'app_jobs', help: 'The app’s own metric.', registers: [registry] }).set(4)
    const orders = createHub({ metrics: { registry, prefix: 'orders_', promClient: prom } })
    const imports = createHub({ metrics: { registry, prefix: 'imports_', promClient: prom } })
    hubs.push(orders, imports)
    await orders.invalidate('orders', { id: 1 })
    await imports.signal('imports')
    await imports.signal('imports')

    const app = new Hono().get('/metrics', imports.metricsHandler())
    const response = await app.request('/metrics')
    expect(response.status).toBe(200)
    const { samples } = parseExposition(await response.text())
    expect(samples.get('app_jobs')).toBe(4)
    expect(samples.get('orders_events_published_total{lane="instant"}')).toBe(1)
    expect(samples.get('imports_events_published_total{lane="coalesced"}')).toBe(2)
  })
})

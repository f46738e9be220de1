import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { DashboardSample, HubOptions, Logger } from '../src/index'
import { setupHub } from './hubServer'
import { connect } from './sse'

const tenantAuth: HubOptions['authenticate'] = (c) => ({
  metadata: { tenant_id: c.req.header('x-tenant') ?? 't1' },
})

const quietLogger = () => {
  const logger = {
    debug: vi.fn<Logger['warn']>(),
    info: vi.fn<Logger['warn']>(),
    warn: vi.fn<Logger['warn']>(),
    error: vi.fn<Logger['warn']>(),
  }
  return logger satisfies Logger
}

/** Polls `check` until it resolves true. */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function samples(url: string, query = ''): Promise<{ now: number; samples: DashboardSample[] }> {
  const response = await fetch(`${url}/admin/hub?samples=1${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as { now: number; samples: DashboardSample[] }
}

describe('hub.dashboardHandler()', () => {
  it('refuses everyone when no authorize is given, with a 403 and one warning', async () => {
    const logger = quietLogger()
    const { url } = await setupHub({ logger }, (app, hub) => app.get('/admin/hub', hub.dashboardHandler()))
    for (const path of ['/admin/hub', '/admin/hub?samples=1']) {
      const response = await fetch(url + path)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({
        error: { code: 'forbidden', message: 'The dashboard needs an authorize option to be seen' },
      })
    }
    expect(logger.warn).toHaveBeenCalledTimes(1)
  })

  it('serves only whom authorize accepts, and masks an authorize that throws', async () => {
    const logger = quietLogger()
    const { url } = await setupHub({ logger }, (app, hub) => {
      app.get(
        '/admin/hub',
        hub.dashboardHandler({
          authorize: (c) => {
            if (c.req.header('x-boom')) throw new Error('session store down')
            return c.req.header('x-admin') === 'yes'
          },
        }),
      )
    })
    expect((await fetch(`${url}/admin/hub`)).status).toBe(403)
    expect((await fetch(`${url}/admin/hub`, { headers: { 'x-admin': 'yes' } })).status).toBe(200)
    const failed = await fetch(`${url}/admin/hub`, { headers: { 'x-boom': '1' } })
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({ error: { code: 'internal', message: 'Internal error' } })
    expect(logger.error).toHaveBeenCalledTimes(1)
  })

  it('serves one self-contained page whose Content-Security-Policy allows its own script and style only', async () => {
    const { url } = await setupHub({}, (app, hub) => {
      app.get('/admin/hub', hub.dashboardHandler({ authorize: () => true, title: 'Orders <hub>' }))
    })
    const response = await fetch(`${url}/admin/hub`)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toContain('<title>Orders &#60;hub&#62;</title>')
    expect(html).not.toMatch(/<script[^>]+src=|<link /)
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? ''
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain(`script-src ${sha(script)};`)
    expect(csp).toContain(`style-src ${sha(style)};`)
    expect(csp).toContain("default-src 'none'")
  })

  it('plots what stats() reads: connections by tenant follow streams opening and closing, and frames per lane', async () => {
    const { url, hub } = await setupHub({ authenticate: tenantAuth }, (app, hub) => {
      app.get('/admin/hub', hub.dashboardHandler({ authorize: () => true, sampleIntervalMs: 200 }))
    })
    const first = await samples(url, '&tenants=1')
    expect(first.samples.at(-1)).toMatchObject({ connections: 0, byTenant: {} })
    const a = await connect(`${url}/events?topics=orders`, { 'x-tenant': 'acme' })
    const b = await connect(`${url}/events?topics=orders`, { 'x-tenant': 'globex' })
    const c = await connect(`${url}/events?topics=orders`, { 'x-tenant': 'globex' })
    await hub.invalidate('orders', { id: 'o1' })
    let latest: DashboardSample | undefined
    await until(async () => {
      const body = await samples(url, '&tenants=1')
      latest = body.samples.findLast((sample) => (sample.rates?.delivered.instant ?? 0) > 0) ?? latest
      return latest !== undefined && latest.connections === 3
    })
    expect(latest?.byTenant).toEqual({ acme: 1, globex: 2 })
    expect(latest?.publishLatencyMs?.count).toBe(1)
    a.destroy()
    b.destroy()
    let now: DashboardSample | undefined
    await until(async () => {
      now = (await samples(url, '&tenants=1')).samples.at(-1) ?? now
      return now?.connections === 1
    })
    expect(now?.byTenant).toEqual({ globex: 1 })
    c.destroy()
  })

  it('stops sampling when its viewer leaves, and hub.close() stops it at once', async () => {
    // The sampler's interval is the only one these hubs make: follow the live ones.
    const live = new Set<unknown>()
    const setInterval = globalThis.setInterval
    const clearInterval = globalThis.clearInterval
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
      const handle = setInterval(...args)
      live.add(handle)
      return handle
    }) as typeof setInterval)
    vi.spyOn(globalThis, 'clearInterval').mockImplementation((handle) => {
      live.delete(handle)
      clearInterval(handle)
    })
    const { url, hub } = await setupHub({}, (app, hub) => {
      app.get('/admin/hub', hub.dashboardHandler({ authorize: () => true, sampleIntervalMs: 100 }))
    })
    expect(live.size).toBe(0)
    await samples(url)
    expect(live.size).toBe(1)
    // The viewer is gone (its tab closed): no request for three intervals ends the sampling.
    await until(async () => live.size === 0)
    await samples(url)
    expect(live.size).toBe(1)
    await hub.close()
    expect(live.size).toBe(0)
    vi.restoreAllMocks()
  })
})

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itKeepsOrdersLive } from '../../../testing/liveOrdersChecks'
import { type StartedServer, startServer } from '../../../testing/startServer'

const root = join(import.meta.dirname, '..')
let server: StartedServer
let origin: string

beforeAll(async () => {
  // The production server over the page `vite build` wrote to dist/ (the test script builds it first).
  server = await startServer(join(root, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' },
    listening: /orders on http:\/\/localhost:(\d+)/,
  })
  origin = `http://127.0.0.1:${server.origin}`
})
afterAll(() => server?.stop())

describe('the Vite + React example', () => {
  it('serves the built page', async () => {
    const response = await fetch(origin)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<div id="root"></div>')
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\/index-[^"]+\.js"/)
  })

  itKeepsOrdersLive(() => origin, { events: '/events', orders: '/api/orders' })
})

import { serve } from '@hono/node-server'
import { createPlayground } from './app'

const port = Number(process.env.PORT ?? 3000)
const { app, hub } = createPlayground()

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) => {
  console.log(`ssehub playground on http://localhost:${info.port}  (Vue page: /vue)`)
  console.log('Open it in two tabs, create an order in one, start an import, switch a tab to Globex.')
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // Tell every tab to come back later, spread over a second, instead of cutting them all at once.
    await hub.drain({ graceMs: 1000 })
    await hub.close()
    server.close(() => process.exit(0))
  })
}

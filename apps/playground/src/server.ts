import { serve } from '@hono/node-server'
import { createPlayground } from './app'
import { handleShutdown } from './handleShutdown'

const port = Number(process.env.PORT ?? 3000)
const { app, hub } = createPlayground()

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) => {
  console.log(`ssehub playground on http://localhost:${info.port}  (Vue page: /vue, the hub: /admin/hub)`)
  console.log('Open it in two tabs, create an order in one, start an import, switch a tab to Globex.')
})

handleShutdown(async () => {
  // Tell every tab to come back later, spread over a second, instead of cutting them all at once.
  await hub.drain({ graceMs: 1000 })
  await hub.close()
  await new Promise((resolve) => server.close(resolve))
  console.log('drained: every stream was told to reconnect, and closed')
})

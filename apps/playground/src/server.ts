import { serve } from '@hono/node-server'
import { createPlayground } from './app'

const port = Number(process.env.PORT ?? 3000)
const { app, hub } = createPlayground()

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) => {
  console.log(`ssehub playground on http://localhost:${info.port} — open it in two tabs and create an order`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await hub.close()
    server.close(() => process.exit(0))
  })
}

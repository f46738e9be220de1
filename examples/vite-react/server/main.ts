import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app'

const port = Number(process.env.PORT ?? 3000)
const { app, hub } = createApp()
// In production the server also serves the built page; in development Vite does (see vite.config.ts).
if (process.env.NODE_ENV === 'production') app.use('/*', serveStatic({ root: './dist' }))

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? 'localhost' }, (info) =>
  console.log(`orders on http://localhost:${info.port}`),
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await hub.drain({ graceMs: 1000 }) // every page comes back later, spread over a second
    await hub.close()
    server.close(() => process.exit(0))
  })
}

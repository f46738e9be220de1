// On @hono/node-server over a real socket (the direct write path), with Node's own fetch as the client's.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './hub.js'
import { receiveOneInvalidation } from './live.js'

const { app, hub } = createApp()
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise<void>((resolve) => server.once('listening', () => resolve()))
const { port } = server.address() as AddressInfo
await receiveOneInvalidation(hub, `http://127.0.0.1:${port}/events`)
await hub.close()
await new Promise<void>((resolve) => server.close(() => resolve()))
console.log('node-server: ok')

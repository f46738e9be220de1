import { createHub } from '@ssehub/server'
import { serveOnLoopback } from './listen'
import { serveHub } from './serveHub'

/**
 * ssehub as its README sets it up, with its defaults (direct writes on @hono/node-server, metrics on
 * prom-client).
 */
await serveHub(createHub(), serveOnLoopback)

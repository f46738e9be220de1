import { createHub } from '@ssehub/server'
import { serveOnLoopback } from './listen'
import { serveHub } from './serveHub'

/**
 * ssehub on Node through the web-stream path (`directWrite: false`), the path Bun, Deno and Workers
 * take: the same hub as the `ssehub` row, so the gap between the two rows is what web streams cost.
 */
await serveHub(createHub({ directWrite: false }), serveOnLoopback)

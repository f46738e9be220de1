import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'

/** Where `vite build` puts the pages (see vite.config.ts). */
export const DEFAULT_PAGES_DIR = fileURLToPath(new URL('../dist/web', import.meta.url))

/**
 * The built pages: `/` is the React page, `/vue` the Vue one, `/assets/*` their hashed bundles
 * (cached for good: a new build has new names). Before a build, a 503 that says how to get one.
 */
export function pageRoutes(pagesDir = DEFAULT_PAGES_DIR): Hono {
  if (!existsSync(join(pagesDir, 'index.html'))) {
    const notBuilt = (c: Context) =>
      c.text('The pages are not built: `pnpm start` builds them (or `pnpm build` in apps/playground).', 503)
    return new Hono().get('/', notBuilt).get('/vue', notBuilt)
  }
  return new Hono()
    .get('/', serveStatic({ root: pagesDir, path: 'index.html', onFound: noCache }))
    .get('/vue', serveStatic({ root: pagesDir, path: 'vue.html', onFound: noCache }))
    .get('/assets/*', serveStatic({ root: pagesDir, onFound: forever }))
}

function noCache(_path: string, c: Context) {
  c.header('cache-control', 'no-cache')
}

function forever(_path: string, c: Context) {
  c.header('cache-control', 'public, max-age=31536000, immutable')
}

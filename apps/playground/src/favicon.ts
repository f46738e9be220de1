import { Hono } from 'hono'

/** The playground's icon: a small "live" dot, as SVG (no binary file to keep). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><circle cx="16" cy="16" r="6" fill="#fff"/><circle cx="16" cy="16" r="11" fill="none" stroke="#93c5fd" stroke-width="2.5"/></svg>'

/** `/favicon.svg`, and `/favicon.ico` for browsers that ask for it without reading the page's link. */
export function faviconRoutes(): Hono {
  const icon = () =>
    new Response(FAVICON_SVG, {
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
    })
  return new Hono().get('/favicon.svg', icon).get('/favicon.ico', icon)
}

import { backend } from '../../../server/app'

// Every /api request goes to the Hono app; the event stream is a long response, never cached or prerendered.
export const dynamic = 'force-dynamic'
export const runtime = 'nodejs'

function handle(request: Request): Response | Promise<Response> {
  return backend().app.fetch(request)
}

export { handle as GET, handle as POST }

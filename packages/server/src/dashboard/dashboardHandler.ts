import type { Context, Handler } from 'hono'
import { HubError } from '../HubError'
import type { Logger } from '../Logger'
import { toErrorResponse } from '../toErrorResponse'
import {
  createDashboardSampler,
  type DashboardSampler,
  type DashboardSamplingOptions,
  type DashboardSources,
} from './createDashboardSampler'
import { dashboardAssets, dashboardPage } from './dashboardPage'

/** Options of `hub.dashboardHandler()`. */
export interface DashboardHandlerOptions extends DashboardSamplingOptions {
  /**
   * Who may see the dashboard (it shows tenant ids and traffic). Return `true` to serve the request.
   * **Required in effect**: without it every request gets a 403, so a dashboard mounted by mistake shows
   * nothing. The page reads its data with `fetch` and the browser's own credentials: authorize with a
   * cookie session or HTTP Basic auth, not a header the page can't send.
   * @default undefined — every request is refused
   * @example
   * hub.dashboardHandler({ authorize: (c) => c.get('session')?.role === 'admin' })
   */
  authorize?: (c: Context) => boolean | Promise<boolean>
  /** @default 'ssehub' */
  title?: string
}

/** A dashboard handler and the sampler behind it, for the hub to close. */
export interface DashboardEndpoint {
  handler: Handler
  sampler: DashboardSampler
}

/** The page's Content-Security-Policy: its own inline script and style, by hash, and requests to itself. */
let contentSecurityPolicy: Promise<string> | undefined
async function policy(): Promise<string> {
  const hash = async (text: string) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
    return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`
  }
  const [script, style] = await Promise.all([hash(dashboardAssets.script), hash(dashboardAssets.styles)])
  return `default-src 'none'; script-src ${script}; style-src ${style}; connect-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`
}

/**
 * The handler behind `hub.dashboardHandler()`: `GET` serves the page, `GET ?samples=1&since=<ms>` the
 * samples newer than `since` (`&tenants=1` adds open streams per tenant). Refuses with 403 unless
 * `authorize` says yes.
 */
export function createDashboardEndpoint(
  sources: DashboardSources,
  options: DashboardHandlerOptions,
  logger: Logger,
): DashboardEndpoint {
  const { authorize, title = 'ssehub', sampleIntervalMs = 1000, windowMs = 5 * 60_000 } = options
  for (const [name, value] of Object.entries({ sampleIntervalMs, windowMs })) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new HubError('invalid_option', `dashboardHandler: ${name} must be a positive number`)
    }
  }
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw new HubError('invalid_option', 'dashboardHandler: authorize must be a function')
  }
  const sampler = createDashboardSampler(sources, { sampleIntervalMs, windowMs })
  let warned = false

  async function ssehubDashboard(c: Context): Promise<Response> {
    try {
      if (!authorize) {
        if (!warned)
          logger.warn({}, '[ssehub] dashboardHandler() has no authorize option: every request is refused')
        warned = true
        throw new HubError('forbidden', 'The dashboard needs an authorize option to be seen', { status: 403 })
      }
      if ((await authorize(c)) !== true)
        throw new HubError('forbidden', 'Not allowed to see the dashboard', { status: 403 })
      const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
      if (c.req.query('samples') !== undefined) {
        const since = Number(c.req.query('since') ?? 0)
        const samples = sampler.view(Number.isFinite(since) ? since : 0, c.req.query('tenants') === '1')
        return c.json({ now: Date.now(), sampleIntervalMs, windowMs, samples }, 200, headers)
      }
      contentSecurityPolicy ??= policy()
      return c.html(dashboardPage({ title, sampleIntervalMs, windowMs }), 200, {
        ...headers,
        'content-security-policy': await contentSecurityPolicy,
        'referrer-policy': 'no-referrer',
      })
    } catch (error) {
      return toErrorResponse(error, logger, 'serving the dashboard')
    }
  }
  return { handler: ssehubDashboard, sampler }
}

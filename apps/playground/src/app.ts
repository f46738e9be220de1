import {
  type ConnectionInfo,
  createHub,
  type DisconnectReason,
  type Hub,
  type HubOptions,
  type PendingConnection,
} from '@ssehub/server'
import { type Context, Hono } from 'hono'
import { apiError } from './apiError'
import { DEV_JWT_SECRET, playgroundAuth, requireTenant, signInRoutes, type TenantVariables } from './auth'
import { faviconRoutes } from './favicon'
import { type ImportRoutesOptions, importRoutes } from './importRoutes'
import { ImportStore } from './imports'
import { orderRoutes } from './orderRoutes'
import { OrderStore, type Orders } from './orders'
import { pageRoutes } from './pageRoutes'
import { statsHandler, statsSignal } from './stats'
import { guardStore, StoreUnavailable } from './storeUnavailable'

export interface PlaygroundOptions<Store extends Orders = OrderStore> {
  /**
   * The orders "database"; pass one to keep the data across a restarted hub, or a shared one (Redis,
   * PostgreSQL) for a cluster. @default new OrderStore()
   */
  store?: Store
  /** @default new ImportStore() */
  imports?: ImportStore
  /** HS256 secret of the sign-in tokens. @default DEV_JWT_SECRET (or $PLAYGROUND_JWT_SECRET) */
  jwtSecret?: string
  /** Where the built pages are. @default dist/web */
  pagesDir?: string
  /** Size and pacing of the CSV import. */
  import?: ImportRoutesOptions
}

/**
 * The playground: sign-in issuing JWTs for two tenants, a tenant-scoped orders and imports API whose
 * writes call `hub.invalidate` (with `tenant`) and `hub.progress`, the event stream with tickets, and the
 * React and Vue pages. `hubOptions` go to `createHub` (a Redis bus, replay and tickets, for instance).
 */
export function createPlayground<Store extends Orders = OrderStore>(
  hubOptions: HubOptions = {},
  options: PlaygroundOptions<Store> = {},
): { app: Hono; hub: Hub; store: Store; imports: ImportStore } {
  const {
    store = new OrderStore() as Orders as Store,
    imports = new ImportStore(),
    jwtSecret = process.env.PLAYGROUND_JWT_SECRET ?? DEV_JWT_SECRET,
  } = options
  const authenticate = playgroundAuth(jwtSecret)
  // An import waits one fast flush interval before `complete`, so its final 100 % is written first.
  const settleMs = (hubOptions.flushIntervalMs ?? 2000) / 4 + 100
  const statsChanged = statsSignal(() => hub.signal('stats'))
  const hub = createHub({
    authenticate,
    ...hubOptions,
    async onConnect(c: Context, connection: PendingConnection) {
      await hubOptions.onConnect?.(c, connection)
      statsChanged()
    },
    onDisconnect(connection: ConnectionInfo, reason: DisconnectReason) {
      hubOptions.onDisconnect?.(connection, reason)
      statsChanged()
    },
  })

  const api = new Hono<TenantVariables>()
    .use(requireTenant(authenticate))
    .use(async function refreshStatsAfterWrites(c, next) {
      await next()
      if (c.req.method !== 'GET' && c.res.ok) statsChanged()
    })
    .get('/stats', statsHandler(hub))
    .route('/orders', orderRoutes(hub, guardStore(store)))
    .route('/imports', importRoutes(hub, imports, { onFinished: statsChanged, settleMs, ...options.import }))
    .all('*', (c) => apiError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`))

  const app = new Hono()
    .route('/auth', signInRoutes(jwtSecret))
    .get('/events', hub.handler())
    .post('/events/ticket', hub.ticketHandler())
    // The hub's live page. A demo on localhost lets anyone see it; a real app checks an admin session here.
    .get('/admin/hub', hub.dashboardHandler({ authorize: () => true, title: 'ssehub playground · the hub' }))
    .route('/api', api)
    .route('/', faviconRoutes())
    .route('/', pageRoutes(options.pagesDir))
  app.onError((error, c) => {
    if (error instanceof StoreUnavailable) {
      console.warn(`[playground] the orders store is unreachable: ${error.message}`)
      return apiError(
        c,
        503,
        'store_unavailable',
        'The orders database is unreachable: nothing was saved. Retry shortly.',
      )
    }
    console.error('[playground]', error)
    return apiError(c, 500, 'internal', 'Something went wrong on the server')
  })
  return { app, hub, store, imports }
}

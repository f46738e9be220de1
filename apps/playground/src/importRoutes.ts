import type { Hub } from '@ssehub/server'
import { Hono } from 'hono'
import { apiError } from './apiError'
import type { TenantVariables } from './auth'
import { generateCustomersCsv } from './csv'
import { type ImportPacing, type ImportStore, runImport } from './imports'
import { tellTabs } from './tellTabs'

export interface ImportRoutesOptions extends ImportPacing {
  /** Rows in the generated CSV. @default 10_000 */
  rows?: number
  /** Called when a job ends (the stats panel refreshes then). */
  onFinished?: () => void
}

/**
 * `/api/imports`: start an import of a generated customers CSV (202, then progress over the stream),
 * and read a job — its counters include the `hub.progress` calls, for the page to compare with the
 * frames it actually received.
 */
export function importRoutes(
  hub: Hub,
  imports: ImportStore,
  { rows = 10_000, onFinished, ...pacing }: ImportRoutesOptions = {},
) {
  return new Hono<TenantVariables>()
    .get('/', (c) => c.json(imports.list(c.var.tenantId)))

    .get('/:id', (c) => {
      const job = imports.get(c.var.tenantId, c.req.param('id'))
      return job ? c.json(job) : apiError(c, 404, 'import_not_found', 'No such import for this tenant')
    })

    .post('/', async (c) => {
      const job = imports.start(c.var.tenantId, rows)
      if (!job) return apiError(c, 409, 'import_running', 'An import is already running for this tenant')
      // Other tabs of the tenant learn about the job and follow its progress too.
      const notice = await tellTabs(() =>
        hub.invalidate('imports', { id: job.id, action: 'started', tenant: job.tenantId }),
      )
      void runImport(hub, job, generateCustomersCsv(rows), pacing).then(onFinished)
      return c.json(notice ? { ...job, notice } : job, 202)
    })
}

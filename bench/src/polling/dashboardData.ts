/** What the dashboard API serves, per tenant: six resources of 100 records each. */
export const RESOURCES = ['orders', 'customers', 'invoices', 'shipments', 'products', 'tickets'] as const
export const RECORDS_PER_RESOURCE = 100

/** One record as the API answers it (~150 bytes of JSON), and as a mutation's hint carries it whole. */
export interface DashboardRecord {
  id: string
  name: string
  status: 'open' | 'pending' | 'closed'
  amountCents: number
  version: number
  updatedAt: string
}

/** One committed change: where, which versions it made, and when (epoch ms, comparable across processes). */
export interface Mutation {
  tenant: string
  resource: string
  id: string
  version: number
  atMs: number
}

/** Milliseconds since the epoch with sub-millisecond precision, comparable between processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now()
}

/** The hub settings a mode may change (JSON, passed to the server process as its argument). */
export interface ApiHubOptions {
  heartbeatMs?: number
}

/** Messages between the bench driver and an API server process, over the `fork` IPC channel. */
export type ApiCommand =
  | { type: 'mutate'; tenants: number; perTenantPerMinute: number; durationMs: number }
  | { type: 'counters' }
  | { type: 'mutations'; sinceMs: number; untilMs: number }

export interface ApiCounters {
  /** `GET /api/…` requests answered. */
  apiRequests: number
  /** Bytes written to sockets that carried API answers, and to event streams. */
  apiBytes: number
  streamBytes: number
  /** This process's CPU time, user + system, in microseconds. */
  cpuUs: number
  atMs: number
}

export type ApiReply =
  | { type: 'listening'; port: number }
  | { type: 'mutating' }
  | ({ type: 'counters' } & ApiCounters)
  | { type: 'mutations'; mutations: Mutation[] }

import type { Pool } from 'pg'
import type { NewOrder, Order, OrderStatus, Orders } from '../orders'

interface OrderRow {
  id: string
  tenant_id: string
  customer: string
  total_cents: string | number
  status: OrderStatus
  created_at: Date
  updated_at: Date
}

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  tenantId: row.tenant_id,
  customer: row.customer,
  totalCents: Number(row.total_cents),
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

/** Orders in a PostgreSQL table, for the cluster on the Postgres engine: every node process sees the same data. */
export class PostgresOrders implements Orders {
  readonly ready: Promise<void>

  constructor(readonly pool: Pool) {
    this.ready = pool
      .query(`CREATE TABLE IF NOT EXISTS playground_orders (
        seq bigserial UNIQUE,
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        customer text NOT NULL,
        total_cents bigint NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
      .then(() => undefined)
  }

  async list(tenantId: string, limit = 50): Promise<Order[]> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT * FROM playground_orders WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2',
      [tenantId, limit],
    )
    return rows.map(toOrder)
  }

  async get(tenantId: string, id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT * FROM playground_orders WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    )
    return rows[0] && toOrder(rows[0])
  }

  async create(tenantId: string, input: NewOrder): Promise<Order> {
    const { rows } = await this.pool.query<OrderRow>(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('playground_orders', 'seq')) AS seq)
       INSERT INTO playground_orders (seq, id, tenant_id, customer, total_cents, status)
       SELECT next.seq, 'ord_' || next.seq, $1, $2, $3, 'pending' FROM next
       RETURNING *`,
      [tenantId, input.customer, input.totalCents],
    )
    return toOrder(rows[0]!)
  }

  async setStatus(tenantId: string, id: string, status: OrderStatus): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      `UPDATE playground_orders SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id, status],
    )
    return rows[0] && toOrder(rows[0])
  }
}

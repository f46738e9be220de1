import useSWR from 'swr'
import { formatCents } from '../shared/format'
import type { Order } from '../shared/types'

/** The same list on SWR: the `orders` invalidation revalidates the `/api/orders` key. */
export function SwrOrders() {
  const { data, error } = useSWR<Order[]>('/api/orders')
  return (
    <section className="card">
      <h2>
        The same list <small>SWR</small>
      </h2>
      <ul className="compact" data-testid="orders-swr">
        {data?.slice(0, 5).map((order) => (
          <li key={order.id} data-order={order.id}>
            {order.id} · {order.customer} · {formatCents(order.totalCents)} · {order.status}
          </li>
        ))}
      </ul>
      {data && data.length > 5 ? <p className="muted">and {data.length - 5} more</p> : null}
      {data?.length === 0 ? <p className="muted">No orders yet.</p> : null}
      {error ? <p className="error">{String(error)}</p> : null}
    </section>
  )
}

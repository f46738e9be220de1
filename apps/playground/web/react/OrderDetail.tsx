import { useMutation, useQuery } from '@tanstack/react-query'
import { formatCents } from '../shared/format'
import { ORDER_STATUSES, type Order, type OrderStatus } from '../shared/types'
import { useApi } from './ApiContext'

/** One order, under `['orders', id]`: the same `orders` invalidation refreshes it in every tab. */
export function OrderDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { api } = useApi()
  const order = useQuery({ queryKey: ['orders', id], queryFn: () => api<Order>(`/api/orders/${id}`) })
  const setStatus = useMutation({
    mutationFn: (status: OrderStatus) =>
      api<Order>(`/api/orders/${id}`, { method: 'PATCH', body: { status } }),
  })

  return (
    <section className="card" data-testid="order-detail">
      <h2>
        Order {id}{' '}
        <button type="button" className="link" onClick={onClose}>
          close
        </button>
      </h2>
      {order.data ? (
        <>
          <p>
            {order.data.customer} · {formatCents(order.data.totalCents)} · updated{' '}
            {new Date(order.data.updatedAt).toLocaleTimeString()}
          </p>
          <div className="row">
            {ORDER_STATUSES.map((status) => (
              <button
                type="button"
                key={status}
                disabled={status === order.data.status || setStatus.isPending}
                onClick={() => setStatus.mutate(status)}
              >
                {status}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {order.error ? <p className="error">{order.error.message}</p> : null}
    </section>
  )
}

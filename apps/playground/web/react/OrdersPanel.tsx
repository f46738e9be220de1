import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { formatCents } from '../shared/format'
import { MAX_ORDERS_PER_TENANT, ORDER_LIST_LIMIT, type Order, type Saved } from '../shared/types'
import { useApi } from './ApiContext'

/**
 * The orders list on TanStack Query. Creating an order does not invalidate anything here: the server's
 * `invalidate(…, { tenant })` reaches every tab of the tenant, this one included, and they all refetch. When
 * the event engine is down the server says so (`notice`): this tab refetches itself, the others will
 * when the engine is back.
 */
export function OrdersPanel({ selected, onSelect }: { selected?: string; onSelect: (id: string) => void }) {
  const { api } = useApi()
  const orders = useQuery({ queryKey: ['orders'], queryFn: () => api<Order[]>('/api/orders') })
  const [customer, setCustomer] = useState('')
  const [total, setTotal] = useState('19.99')
  const queryClient = useQueryClient()
  const [notice, setNotice] = useState<string>()
  const create = useMutation({
    mutationFn: (input: { customer: string; totalCents: number }) =>
      api<Saved<Order>>('/api/orders', { method: 'POST', body: input }),
    onSuccess: (order) => {
      setCustomer('')
      setNotice(order.notice)
      if (order.notice) void queryClient.invalidateQueries({ queryKey: ['orders'] })
    },
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ customer, totalCents: Math.round(Number(total) * 100) })
  }

  return (
    <section className="card orders">
      <h2>
        Orders <small>TanStack Query</small>
      </h2>
      <form onSubmit={submit} className="row">
        <input
          aria-label="Customer"
          placeholder="Customer"
          value={customer}
          onChange={(e) => setCustomer(e.target.value)}
          required
        />
        <input
          aria-label="Total"
          type="number"
          min="0.01"
          step="0.01"
          value={total}
          onChange={(e) => setTotal(e.target.value)}
          required
        />
        <button type="submit" disabled={create.isPending}>
          Create order
        </button>
      </form>
      {create.error ? <p className="error">{create.error.message}</p> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <table data-testid="orders-query">
        <thead>
          <tr>
            <th>Order</th>
            <th>Customer</th>
            <th className="num">Total</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.data?.map((order) => (
            <tr
              key={order.id}
              data-order={order.id}
              className={order.id === selected ? 'selected' : undefined}
              onClick={() => onSelect(order.id)}
            >
              <td>{order.id}</td>
              <td>{order.customer}</td>
              <td className="num">{formatCents(order.totalCents)}</td>
              <td>
                <span className={`status ${order.status}`}>{order.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders.data?.length === 0 ? <p className="muted">No orders yet: create one.</p> : null}
      {orders.data?.length === ORDER_LIST_LIMIT ? (
        <p className="muted">
          The latest {ORDER_LIST_LIMIT} orders (the demo keeps {MAX_ORDERS_PER_TENANT} per tenant).
        </p>
      ) : null}
      {orders.error ? <p className="error">{orders.error.message}</p> : null}
    </section>
  )
}

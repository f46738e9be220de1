'use client'

import { useInvalidationStream } from '@ssehub/react'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { Order } from '../server/app'

async function fetchOrders(): Promise<Order[]> {
  const response = await fetch('/api/orders')
  return response.json() as Promise<Order[]>
}

async function createOrder(): Promise<Order> {
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: 'Ada', total: 42 }),
  })
  return response.json() as Promise<Order>
}

/** The list refetches when the server invalidates `orders`: no polling, and no invalidation here. */
export function Orders() {
  const { status } = useInvalidationStream()
  const { data: orders = [] } = useQuery({ queryKey: ['orders'], queryFn: fetchOrders })
  const create = useMutation({ mutationFn: createOrder })
  return (
    <>
      <p data-testid="status">{status}</p>
      <button type="button" onClick={() => create.mutate()}>
        New order
      </button>
      <ul>
        {orders.map((order) => (
          <li key={order.id} data-testid="order">
            {order.id}: {order.customer}, {order.total}
          </li>
        ))}
      </ul>
    </>
  )
}

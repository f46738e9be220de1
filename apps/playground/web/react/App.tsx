import { useInvalidationStream } from '@ssehub/react'
import { useInvalidationStream as useSWRInvalidationStream } from '@ssehub/react/swr'
import { useState } from 'react'
import { Header } from './Header'
import { ImportPanel } from './ImportPanel'
import { OrderDetail } from './OrderDetail'
import { OrdersPanel } from './OrdersPanel'
import { StatsPanel } from './StatsPanel'
import { SwrOrders } from './SwrOrders'

/** The React page: one stream keeps both caches, TanStack Query's and SWR's, fresh. */
export function App() {
  useInvalidationStream()
  useSWRInvalidationStream()
  const [selected, setSelected] = useState<string>()

  return (
    <>
      <Header framework="React" />
      <main className="grid">
        <OrdersPanel selected={selected} onSelect={setSelected} />
        <div className="column">
          {selected ? <OrderDetail id={selected} onClose={() => setSelected(undefined)} /> : null}
          <ImportPanel />
          <SwrOrders />
          <StatsPanel />
        </div>
      </main>
    </>
  )
}

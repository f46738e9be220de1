import { useInvalidationStream } from '@ssehub/react'
import { useInvalidationStream as useSWRInvalidationStream } from '@ssehub/react/swr'
import { useState } from 'react'
import { useApi } from './ApiContext'
import { DevtoolsMount } from './DevtoolsMount'
import { Header } from './Header'
import { ImportPanel } from './ImportPanel'
import { MeterPanel } from './MeterPanel'
import { OrderDetail } from './OrderDetail'
import { OrdersPanel } from './OrdersPanel'
import { StatsPanel } from './StatsPanel'
import { SwrOrders } from './SwrOrders'

/** The React page: one stream keeps both caches, TanStack Query's and SWR's, fresh. */
export function App() {
  const { meter } = useApi()
  useInvalidationStream({ onDecisions: meter.recordDecisions })
  useSWRInvalidationStream({ onDecisions: meter.recordDecisions })
  const [selected, setSelected] = useState<string>()

  return (
    <>
      <Header framework="React" />
      <main className="grid">
        <OrdersPanel selected={selected} onSelect={setSelected} />
        <div className="column">
          {selected ? <OrderDetail id={selected} onClose={() => setSelected(undefined)} /> : null}
          <MeterPanel />
          <ImportPanel />
          <SwrOrders />
          <StatsPanel />
        </div>
      </main>
      <DevtoolsMount />
    </>
  )
}

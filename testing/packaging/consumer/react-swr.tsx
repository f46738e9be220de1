// The React bindings with SWR only: nothing of TanStack Query is needed.
import { EventStreamProvider, useInvalidationStream } from '@ssehub/react/swr'
import { renderToString } from 'react-dom/server'
import { SWRConfig } from 'swr'

function Orders() {
  const { status } = useInvalidationStream()
  return <p>{`orders: ${status}`}</p>
}

export function renderPage(): string {
  return renderToString(
    <SWRConfig value={{}}>
      <EventStreamProvider options={{ url: '/events', topics: ['orders'] }}>
        <Orders />
      </EventStreamProvider>
    </SWRConfig>,
  )
}

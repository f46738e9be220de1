// The React bindings with TanStack Query, as a page renders them (on the server first).
import { EventStreamProvider, useInvalidationStream, useProgress, useStreamStatus } from '@ssehub/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'

function Orders() {
  const { status } = useInvalidationStream()
  const progress = useProgress('imports', 1)
  const { error } = useStreamStatus()
  return <p>{`orders: ${status}${progress ? ` ${progress.pct}%` : ''}${error ? ` ${error.code}` : ''}`}</p>
}

export function renderPage(): string {
  return renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <EventStreamProvider options={{ url: '/events', topics: ['orders'] }}>
        <Orders />
      </EventStreamProvider>
    </QueryClientProvider>,
  )
}

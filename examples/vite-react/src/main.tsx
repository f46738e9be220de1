import { EventStreamProvider } from '@ssehub/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Orders } from './Orders'

const queryClient = new QueryClient()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <EventStreamProvider options={{ url: '/events', topics: ['orders'] }}>
        <Orders />
      </EventStreamProvider>
    </QueryClientProvider>
  </StrictMode>,
)

import { EventStreamProvider } from '@ssehub/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SWRConfig } from 'swr'
import { meterQueryCache } from '../shared/apiMeter'
import { queryDefaults, startTab } from '../shared/startTab'
import { ApiContext } from './ApiContext'
import { App } from './App'
import { meterSWRKeys } from './meterSWRKeys'
import '../style.css'

const { session, api, stream, meter } = await startTab()
const queryClient = new QueryClient({ defaultOptions: queryDefaults })
meterQueryCache(queryClient.getQueryCache(), meter)
// SWR's counterpart of `queryDefaults`: no revalidation on focus or reconnect, the stream covers it.
const swrConfig = {
  fetcher: (path: string) => api(path),
  revalidateOnFocus: false,
  revalidateOnReconnect: false,
  use: [meterSWRKeys(meter)],
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={{ api, session, meter }}>
      <QueryClientProvider client={queryClient}>
        <SWRConfig value={swrConfig}>
          <EventStreamProvider stream={stream}>
            <App />
          </EventStreamProvider>
        </SWRConfig>
      </QueryClientProvider>
    </ApiContext.Provider>
  </StrictMode>,
)

import { createEventStream } from '@ssehub/client'
import { EventStreamProvider } from '@ssehub/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SWRConfig } from 'swr'
import { createApi } from '../shared/api'
import { signInOrExplain } from '../shared/session'
import { recordFrames, streamOptions } from '../shared/stream'
import { ApiContext } from './ApiContext'
import { App } from './App'
import '../style.css'

const session = await signInOrExplain()
const api = createApi(session)
const stream = createEventStream(streamOptions(session, api))
recordFrames(stream)

// The stream says when data changed, so nothing goes stale by the clock, on focus or on reconnect:
// an idle tab makes no request at all. (A `resync` after missed events refetches everything.)
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: 1 } },
})
const swrConfig = {
  fetcher: (path: string) => api(path),
  revalidateOnFocus: false,
  revalidateOnReconnect: false,
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={{ api, session }}>
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

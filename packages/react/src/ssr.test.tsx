// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { SWRConfig } from 'swr'
import { describe, expect, it } from 'vitest'
import { countingFetch } from '../test/support/countingFetch'

describe('server rendering', () => {
  it('imports without window and renders connecting, without opening a stream', async () => {
    expect(typeof window).toBe('undefined')
    const react = await import('./index')
    const swr = await import('./swr/index')
    const server = countingFetch()
    const options = { url: 'http://127.0.0.1:4010/events', topics: ['orders'], fetch: server.fetch }
    function Page() {
      const { status } = react.useInvalidationStream()
      const progress = react.useProgress('imports', 'imp_9')
      const { status: swrStatus } = swr.useInvalidationStream(options)
      return (
        <p>{`${status} ${react.useStreamStatus().status} ${swrStatus} ${progress?.pct ?? 'no progress'}`}</p>
      )
    }
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <SWRConfig value={{ provider: () => new Map() }}>
          <react.EventStreamProvider options={options}>
            <Page />
          </react.EventStreamProvider>
        </SWRConfig>
      </QueryClientProvider>,
    )
    expect(html).toBe('<p>connecting connecting connecting no progress</p>')
    await Promise.resolve()
    expect(server.requests).toHaveLength(0)
  })
})

import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { version } from 'react'
import { expect, it } from 'vitest'
import { reactDomVersion, reactVersion } from '../test/support/reactVersion'

it('runs on React 18, one copy shared by react-dom, TanStack Query and Testing Library', () => {
  // What @ssehub/react's own sources and tests import, one folder up, where React 19 is installed.
  expect(reactVersion).toMatch(/^18\./)
  expect(reactDomVersion).toBe(reactVersion)
  expect(version).toBe(reactVersion)
  const client = new QueryClient()
  let seen: QueryClient | undefined
  function Probe() {
    seen = useQueryClient() // a second React would throw "Invalid hook call" here
    return null
  }
  render(
    <QueryClientProvider client={client}>
      <Probe />
    </QueryClientProvider>,
  )
  expect(seen).toBe(client)
})

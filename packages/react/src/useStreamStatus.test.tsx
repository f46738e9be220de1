import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createFakeStream } from '../../client/test/support/createFakeStream'
import { EventStreamProvider } from './EventStreamProvider'
import { useStreamStatus } from './useStreamStatus'

describe('useStreamStatus', () => {
  it('follows status changes, not events, and unsubscribes on unmount', () => {
    const fake = createFakeStream()
    let renders = 0
    function Badge() {
      renders++
      return <output>{useStreamStatus().status}</output>
    }
    const view = render(
      <EventStreamProvider stream={fake.stream}>
        <Badge />
      </EventStreamProvider>,
    )
    expect(view.getByRole('status').textContent).toBe('connecting')
    act(() => fake.setStatus('open'))
    expect(view.getByRole('status').textContent).toBe('open')
    const before = renders
    act(() => fake.emit('invalidate', { resource: 'orders' }))
    expect(renders).toBe(before)
    act(() => fake.setStatus('reconnecting'))
    expect(view.getByRole('status').textContent).toBe('reconnecting')
    view.unmount()
    expect(fake.listenerCount()).toBe(0)
  })

  it('carries the wait before the next attempt, for a "retrying in …" badge', () => {
    const fake = createFakeStream()
    function Badge() {
      const { status, retry } = useStreamStatus()
      return <output>{retry ? `${status} in ${retry.inMs} ms (${retry.cause})` : status}</output>
    }
    const view = render(
      <EventStreamProvider stream={fake.stream}>
        <Badge />
      </EventStreamProvider>,
    )
    act(() => fake.setStatus('reconnecting', { inMs: 4000, at: Date.now() + 4000, cause: 'drain' }))
    expect(view.getByRole('status').textContent).toBe('reconnecting in 4000 ms (drain)')
    act(() => fake.setStatus('reconnecting'))
    expect(view.getByRole('status').textContent).toBe('reconnecting')
    view.unmount()
  })
})

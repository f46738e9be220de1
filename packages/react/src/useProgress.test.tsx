import { EventStreamError } from '@ssehub/client'
import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createFakeStream } from '../../client/test/support/createFakeStream'
import { catchError } from '../test/support/catchError'
import { EventStreamProvider } from './EventStreamProvider'
import { useProgress } from './useProgress'

function ImportProgress({ id }: { id: string | number }) {
  const progress = useProgress('imports', id)
  return (
    <output>
      {progress ? `${progress.status} ${progress.current}/${progress.total} ${progress.pct}%` : 'none'}
    </output>
  )
}

function renderProgress(id: string | number = 'imp_9') {
  const fake = createFakeStream(['imports.*'])
  const view = render(
    <EventStreamProvider stream={fake.stream}>
      <ImportProgress id={id} />
    </EventStreamProvider>,
  )
  return { ...fake, ...view, text: () => view.container.textContent }
}

describe('useProgress', () => {
  it('is undefined until the first progress event, then follows the latest one of its job only', () => {
    const view = renderProgress()
    expect(view.text()).toBe('none')
    act(() => view.emit('progress', { resource: 'imports', id: 'imp_9', current: 10, total: 40, pct: 25 }))
    expect(view.text()).toBe('running 10/40 25%')
    act(() => {
      view.emit('progress', { resource: 'imports', id: 'imp_8', current: 1, total: 2, pct: 50 })
      view.emit('progress', { resource: 'exports', id: 'imp_9', current: 1, total: 2, pct: 50 })
    })
    expect(view.text()).toBe('running 10/40 25%')
  })

  it('takes a number id as its decimal string, and the other way round', () => {
    const view = renderProgress(5)
    act(() => view.emit('progress', { resource: 'imports', id: '5', current: 1, total: 4, pct: 25 }))
    expect(view.text()).toBe('running 1/4 25%')
    act(() => view.emit('complete', { resource: 'imports', id: 5, status: 'completed' }))
    expect(view.text()).toBe('completed 4/4 100%')
  })

  it('keeps its progress when the id changes from a number to its decimal string (the same job)', () => {
    const view = renderProgress(5)
    act(() => view.emit('progress', { resource: 'imports', id: 5, current: 1, total: 4, pct: 25 }))
    // A route param read as a string after a list gave the number: still job 5.
    view.rerender(
      <EventStreamProvider stream={view.stream}>
        <ImportProgress id="5" />
      </EventStreamProvider>,
    )
    expect(view.text()).toBe('running 1/4 25%')
  })

  it('finishes on complete: completed at 100 %, failed where it stopped', () => {
    const view = renderProgress()
    act(() => view.emit('progress', { resource: 'imports', id: 'imp_9', current: 30, total: 40, pct: 75 }))
    act(() => view.emit('complete', { resource: 'imports', id: 'imp_9', status: 'completed' }))
    expect(view.text()).toBe('completed 40/40 100%')

    const failed = renderProgress('imp_7')
    act(() => failed.emit('progress', { resource: 'imports', id: 'imp_7', current: 3, total: 40, pct: 7.5 }))
    act(() => failed.emit('complete', { resource: 'imports', id: 'imp_7', status: 'failed' }))
    expect(failed.text()).toBe('failed 3/40 7.5%')
  })

  it('starts over for another job and lets go of the stream on unmount', () => {
    const view = renderProgress()
    act(() => view.emit('progress', { resource: 'imports', id: 'imp_9', current: 1, total: 4, pct: 25 }))
    view.rerender(
      <EventStreamProvider stream={view.stream}>
        <ImportProgress id="imp_10" />
      </EventStreamProvider>,
    )
    expect(view.text()).toBe('none')
    view.unmount()
    expect(view.listenerCount()).toBe(0)
  })

  it('fails loudly without a provider', () => {
    const quiet = console.error
    console.error = () => {}
    try {
      const error = catchError(() => render(<ImportProgress id="imp_9" />))
      expect(error).toBeInstanceOf(EventStreamError)
      expect(error).toMatchObject({
        code: 'no_provider',
        message: 'No event stream found: wrap your app in <EventStreamProvider> to use useProgress.',
      })
    } finally {
      console.error = quiet
    }
  })
})

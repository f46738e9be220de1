import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { connected, frame, openTestStream, settle } from '../../test/openTestStream'
import { StreamDevtoolsPanel } from './StreamDevtoolsPanel'
import { streamDevtoolsReactPlugin } from './streamDevtoolsReactPlugin'

describe('StreamDevtoolsPanel', () => {
  it('mounts the panel once, follows the stream and goes with the component', async () => {
    const { stream, send } = openTestStream()
    const view = render(<StreamDevtoolsPanel stream={stream} theme="dark" />)
    await act(async () => {
      send(connected + frame('invalidate', { resource: 'orders' }, 'e-1'))
      await settle(40)
    })
    const host = view.container.querySelector('[data-ssehub-devtools]')
    expect(host?.shadowRoot?.querySelectorAll('tr.event')).toHaveLength(1)
    expect(host?.shadowRoot?.querySelector('.panel.dark')).not.toBeNull()
    view.unmount()
    expect(document.querySelector('[data-ssehub-devtools]')).toBeNull()
    stream.close()
  })

  it('is what the React plugin renders, with the theme TanStack Devtools gives', () => {
    const { stream } = openTestStream()
    const element = streamDevtoolsReactPlugin({ stream, name: 'stream' }).render(
      document.createElement('div'),
      'light',
    )
    const view = render(element)
    expect(
      view.container.querySelector('[data-ssehub-devtools]')?.shadowRoot?.querySelector('.panel.light'),
    ).not.toBeNull()
    view.unmount()
    stream.close()
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { connected, frame, openTestStream, settle } from '../test/openTestStream'
import { mountStreamPanel } from './mountStreamPanel'
import { streamDevtoolsPlugin } from './streamDevtoolsPlugin'

afterEach(() => {
  document.body.replaceChildren()
})

const shadow = () => document.querySelector('[data-ssehub-devtools]')?.shadowRoot
const rows = () => [...(shadow()?.querySelectorAll('tr.event') ?? [])] as HTMLElement[]
const rowTypes = () => rows().map((row) => row.dataset.type)
/** Waits out the panel's drawing throttle. */
const drawn = () => settle(40)

describe('mountStreamPanel', () => {
  it('lists events newest first with topics, lane and size, and filters by type and topic', async () => {
    const { stream, send } = openTestStream()
    const panel = mountStreamPanel(document.body, { stream })
    send(
      connected +
        frame('invalidate', { resource: 'orders', id: 'ord_1' }, 'e-1') +
        frame('progress', { resource: 'imports', id: 'imp_1', pct: 50 }) +
        frame('cursor', '', 'e-2'),
    )
    await drawn()
    expect(rowTypes()).toEqual(['progress', 'invalidate'])
    expect(rows()[1]?.textContent).toContain('orders, orders.ord_1')
    expect(rows()[1]?.textContent).toContain('instant')
    expect(shadow()?.querySelector('.badge')?.textContent).toBe('open')

    const select = shadow()?.querySelector('select') as HTMLSelectElement
    select.value = 'invalidate'
    select.dispatchEvent(new Event('change'))
    expect(rowTypes()).toEqual(['invalidate'])
    select.value = ''
    select.dispatchEvent(new Event('change'))
    const topic = shadow()?.querySelector('input[name=topic]') as HTMLInputElement
    topic.value = 'imports.*'
    topic.dispatchEvent(new Event('input'))
    expect(rowTypes()).toEqual(['progress'])
    topic.value = ''
    topic.dispatchEvent(new Event('input'))
    const bookkeeping = shadow()?.querySelector('input[name=bookkeeping]') as HTMLInputElement
    bookkeeping.checked = true
    bookkeeping.dispatchEvent(new Event('change'))
    expect(rowTypes()).toEqual(['cursor', 'progress', 'invalidate', 'connected'])
    panel.unmount()
    stream.close()
  })

  it('shows the selected event as JSON, and anything the stream sends only as text', async () => {
    const { stream, send } = openTestStream()
    const panel = mountStreamPanel(document.body, { stream })
    const hostile = '<img src=x onerror="window.pwned=1">'
    send(connected + frame(hostile.replace(/\s/g, '_'), { resource: hostile, nested: { a: [1, 2] } }, 'e-1'))
    await drawn()
    rows()[0]?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    const detail = shadow()?.querySelector('.detail pre')?.textContent
    expect(JSON.parse(detail ?? '')).toEqual({ resource: hostile, nested: { a: [1, 2] } })
    expect(detail).toContain('\n  "nested"')
    expect(shadow()?.querySelector('img')).toBeNull()
    panel.unmount()
    stream.close()
  })

  it('pauses and clears from its buttons, and unmount removes it and stops watching', async () => {
    const { stream, send } = openTestStream()
    const panel = mountStreamPanel(document.body, { stream })
    send(connected + frame('invalidate', { resource: 'orders' }, 'e-1'))
    await drawn()
    const button = (name: string) => shadow()?.querySelector(`button[name=${name}]`) as HTMLButtonElement
    button('pause').click()
    send(frame('invalidate', { resource: 'orders' }, 'e-2'))
    await drawn()
    expect(rows().map((row) => row.textContent?.includes('e-2'))).toEqual([false])
    expect(button('pause').textContent).toBe('resume')
    expect(shadow()?.textContent).toContain('1 rows not kept')
    button('clear').click()
    await drawn()
    expect(rows()).toEqual([])
    panel.unmount()
    panel.unmount()
    expect(document.querySelector('[data-ssehub-devtools]')).toBeNull()
    stream.close()
  })

  it('says why it waits and for how long while reconnecting', async () => {
    let attempts = 0
    const { stream } = openTestStream({
      fetch: async () => {
        attempts++
        return new Response('{"error":{"code":"draining","message":"going away"}}', {
          status: 503,
          headers: { 'retry-after': '30', 'content-type': 'application/json' },
        })
      },
    })
    const panel = mountStreamPanel(document.body, { stream })
    await drawn()
    expect(attempts).toBe(1)
    expect(shadow()?.querySelector('.status-detail')?.textContent).toMatch(
      /^draining \(503\): going away · retry in (30|29) s \(server's Retry-After\)$/,
    )
    panel.unmount()
    stream.close()
  })

  it('floats behind a toggle button for apps without TanStack Devtools', async () => {
    const { stream } = openTestStream()
    const panel = mountStreamPanel(document.body, { stream, floating: true })
    const drawer = shadow()?.querySelector('.panel') as HTMLElement
    expect(drawer.hidden).toBe(true)
    const toggle = shadow()?.querySelector('button[name=ssehub]') as HTMLButtonElement
    toggle.click()
    expect(drawer.hidden).toBe(false)
    panel.unmount()
    stream.close()
  })
})

describe('streamDevtoolsPlugin', () => {
  it('renders into the element TanStack Devtools gives it, once per render, and goes on destroy', async () => {
    const { stream } = openTestStream()
    const plugin = streamDevtoolsPlugin({ stream })
    expect(plugin).toMatchObject({ id: 'ssehub', name: 'ssehub', defaultOpen: false })
    const element = document.createElement('div')
    document.body.append(element)
    plugin.render(element, 'dark')
    plugin.render(element, { theme: 'light' })
    expect(element.querySelectorAll('[data-ssehub-devtools]')).toHaveLength(1)
    expect(
      element.querySelector('[data-ssehub-devtools]')?.shadowRoot?.querySelector('.panel.light'),
    ).not.toBeNull()
    plugin.destroy('ssehub')
    expect(element.children).toHaveLength(0)
    stream.close()
  })
})

import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { createFakeStream } from '../../client/test/support/createFakeStream'
import { EventStreamPlugin } from './EventStreamPlugin'
import { useProgress } from './useProgress'
import { useStreamStatus } from './useStreamStatus'

function mountProgress() {
  const fake = createFakeStream(['imports.*'])
  const id = ref<string | number>('imp_9')
  const Job = defineComponent({
    setup() {
      const progress = useProgress('imports', id)
      const { status } = useStreamStatus()
      return () => {
        const p = progress.value
        return h('p', `${status.value}: ${p ? `${p.status} ${p.current}/${p.total} ${p.pct}%` : 'none'}`)
      }
    },
  })
  const wrapper = mount(Job, { global: { plugins: [[EventStreamPlugin, { stream: fake.stream }]] } })
  const text = async () => {
    await nextTick()
    return wrapper.text()
  }
  return { ...fake, wrapper, id, text }
}

describe('useProgress and useStreamStatus', () => {
  it('follow the latest progress of their job and the stream status', async () => {
    const view = mountProgress()
    expect(await view.text()).toBe('connecting: none')
    view.setStatus('open')
    view.emit('progress', { resource: 'imports', id: 'imp_9', current: 10, total: 40, pct: 25 })
    view.emit('progress', { resource: 'imports', id: 'imp_8', current: 1, total: 2, pct: 50 })
    expect(await view.text()).toBe('open: running 10/40 25%')
    view.emit('complete', { resource: 'imports', id: 'imp_9', status: 'completed' })
    expect(await view.text()).toBe('open: completed 40/40 100%')
  })

  it('keep where a failed job stopped, start over for another id, and let go on unmount', async () => {
    const view = mountProgress()
    view.emit('progress', { resource: 'imports', id: 'imp_9', current: 3, total: 40, pct: 7.5 })
    view.emit('complete', { resource: 'imports', id: 'imp_9', status: 'failed' })
    expect(await view.text()).toBe('connecting: failed 3/40 7.5%')
    view.id.value = 'imp_10'
    expect(await view.text()).toBe('connecting: none')
    view.emit('progress', { resource: 'imports', id: 'imp_10', current: 1, total: 2, pct: 50 })
    expect(await view.text()).toBe('connecting: running 1/2 50%')
    view.wrapper.unmount()
    expect(view.listenerCount()).toBe(0)
  })

  it('take a number id as its decimal string, and the other way round', async () => {
    const view = mountProgress()
    view.id.value = 5
    view.emit('progress', { resource: 'imports', id: '5', current: 1, total: 4, pct: 25 })
    expect(await view.text()).toBe('connecting: running 1/4 25%')
    view.emit('complete', { resource: 'imports', id: 5, status: 'completed' })
    expect(await view.text()).toBe('connecting: completed 4/4 100%')
  })

  it('keep the progress when the id changes from a number to its decimal string (the same job)', async () => {
    const view = mountProgress()
    view.id.value = 5
    view.emit('progress', { resource: 'imports', id: 5, current: 1, total: 4, pct: 25 })
    view.id.value = '5'
    expect(await view.text()).toBe('connecting: running 1/4 25%')
  })

  it('fails loudly without the plugin', () => {
    const Job = defineComponent({
      setup() {
        useProgress('imports', 'imp_9')
        return () => h('p')
      },
    })
    expect(() => mount(Job)).toThrow(
      expect.objectContaining({
        name: 'EventStreamError',
        code: 'no_provider',
        message:
          'No event stream found: install the plugin with app.use(EventStreamPlugin, { options }) to use useProgress.',
      }),
    )
  })
})

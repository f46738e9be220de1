// @vitest-environment node
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'

describe('server rendering', () => {
  it('imports without window and renders connecting, without opening a stream', async () => {
    expect(typeof window).toBe('undefined')
    const { EventStreamPlugin, useInvalidationStream, useProgress, useStreamStatus } = await import(
      '../src/index'
    )
    let requests = 0
    const fetch = (async () => {
      requests++
      return new Response(null, { status: 204 })
    }) as typeof globalThis.fetch
    const options = { url: 'http://127.0.0.1:4010/events', topics: ['orders'], fetch }
    const Page = defineComponent({
      setup() {
        const { status } = useInvalidationStream()
        const own = useInvalidationStream(options)
        const progress = useProgress('imports', 'imp_9')
        const { status: pluginStatus } = useStreamStatus()
        return () =>
          h('p', `${status.value} ${own.status.value} ${pluginStatus.value} ${progress.value?.pct ?? 'none'}`)
      },
    })
    const app = createSSRApp(Page)
      .use(VueQueryPlugin, { queryClient: new QueryClient() })
      .use(EventStreamPlugin, { options })
    expect(await renderToString(app)).toBe('<p>connecting connecting connecting none</p>')
    expect(requests).toBe(0)
  })
})

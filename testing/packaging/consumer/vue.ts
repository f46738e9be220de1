// The Vue plugin and composables in an app.
import { EventStreamPlugin, useInvalidationStream, useProgress } from '@ssehub/vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { type App, createSSRApp, defineComponent, h } from 'vue'

const Orders = defineComponent({
  setup() {
    const { status } = useInvalidationStream()
    const progress = useProgress('imports', 'imp_1')
    return () => h('p', `orders: ${status.value}${progress.value ? ` ${progress.value.pct}%` : ''}`)
  },
})

export function createOrdersApp(): App {
  const app = createSSRApp(Orders)
  app.use(VueQueryPlugin, { queryClient: new QueryClient() })
  app.use(EventStreamPlugin, { options: { url: '/events', topics: ['orders'] } })
  return app
}

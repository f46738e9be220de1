import type { EventStream } from '@ssehub/client'
import { QueryClient, useQuery, VueQueryPlugin } from '@tanstack/vue-query'
import { mount, type VueWrapper } from '@vue/test-utils'
import { expect, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { EventStreamPlugin } from '../../src/EventStreamPlugin'

/** A component showing one query, counting the fetches of its key in `fetches`. */
const Query = defineComponent({
  props: { queryKey: { type: Array, required: true }, fetches: { type: Map, required: true } },
  setup(props) {
    const name = JSON.stringify(props.queryKey)
    const fetches = props.fetches as Map<string, number>
    const { data } = useQuery({
      queryKey: props.queryKey,
      queryFn: async () => {
        fetches.set(name, (fetches.get(name) ?? 0) + 1)
        return props.queryKey.length === 2 ? { id: props.queryKey[1], status: 'new' } : name
      },
    })
    return () => h('p', JSON.stringify(data.value))
  },
})

/**
 * Mounts `setup` (a composable call) beside one `useQuery` per key, with a real vue-query client and the
 * EventStreamPlugin on `stream`. `counts()` reads the fetches per key; `settled()` waits for the next frame's
 * invalidations and every fetch they started.
 */
export async function mountWithQueries(keys: unknown[][], setup: () => unknown, stream: EventStream) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } })
  const fetches = new Map<string, number>()
  const wrapper: VueWrapper = mount(
    defineComponent({
      setup() {
        setup()
        return () => keys.map((queryKey) => h(Query, { key: JSON.stringify(queryKey), queryKey, fetches }))
      },
    }),
    {
      global: {
        plugins: [
          [VueQueryPlugin, { queryClient }],
          [EventStreamPlugin, { stream }],
        ],
      },
    },
  )
  const settled = async () => {
    await nextFrame()
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
  }
  await vi.waitFor(() => expect(fetches.size).toBe(keys.length))
  await settled()
  fetches.clear()
  const counts = () =>
    Object.fromEntries(keys.map((key) => [JSON.stringify(key), fetches.get(JSON.stringify(key)) ?? 0]))
  return { wrapper, queryClient, counts, settled }
}

/** Resolves after the next animation frame and a macrotask: when the binders flush. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

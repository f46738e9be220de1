import { createEventStream } from '@ssehub/client'
import { ssehub } from '@ssehub/vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createApp } from 'vue'
import { createApi } from '../shared/api'
import { signInOrExplain } from '../shared/session'
import { recordFrames, streamOptions } from '../shared/stream'
import App from './App.vue'
import { apiKey } from './apiKey'
import '../style.css'

const session = await signInOrExplain()
const api = createApi(session)
const stream = createEventStream(streamOptions(session, api))
recordFrames(stream)

// As on the React page: the stream says when data changed, so an idle tab makes no request.
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: 1 } },
})

createApp(App)
  .provide(apiKey, { api, session })
  .use(VueQueryPlugin, { queryClient })
  .use(ssehub, { stream })
  .mount('#app')

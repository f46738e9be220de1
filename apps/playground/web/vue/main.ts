import { EventStreamPlugin } from '@ssehub/vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createApp } from 'vue'
import { meterQueryCache } from '../shared/apiMeter'
import { queryDefaults, startTab } from '../shared/startTab'
import App from './App.vue'
import { apiKey } from './apiKey'
import '../style.css'

const { session, api, stream, meter } = await startTab()
const queryClient = new QueryClient({ defaultOptions: queryDefaults })
meterQueryCache(queryClient.getQueryCache(), meter)

createApp(App)
  .provide(apiKey, { api, session, meter })
  .use(VueQueryPlugin, { queryClient })
  .use(EventStreamPlugin, { stream })
  .mount('#app')

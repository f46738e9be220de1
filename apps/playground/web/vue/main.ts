import { ssehub } from '@ssehub/vue'
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createApp } from 'vue'
import { queryDefaults, startTab } from '../shared/startTab'
import App from './App.vue'
import { apiKey } from './apiKey'
import '../style.css'

const { session, api, stream } = await startTab()
const queryClient = new QueryClient({ defaultOptions: queryDefaults })

createApp(App)
  .provide(apiKey, { api, session })
  .use(VueQueryPlugin, { queryClient })
  .use(ssehub, { stream })
  .mount('#app')

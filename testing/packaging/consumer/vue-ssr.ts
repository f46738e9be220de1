// The Vue app rendered on the server (Node only: Vue's server renderer needs Node's streams).
import { renderToString } from 'vue/server-renderer'
import { createOrdersApp } from './vue.js'

export function renderPage(): Promise<string> {
  return renderToString(createOrdersApp())
}

import { readFileSync } from 'node:fs'
import { type DefaultTheme, defineConfig } from 'vitepress'
import { markdown } from './markdown'

/** The API reference's sidebar, written by `scripts/generateApi.mjs` (which `dev` and `build` run first). */
const apiSidebar = JSON.parse(
  readFileSync(new URL('../api/typedoc-sidebar.json', import.meta.url), 'utf8'),
) as DefaultTheme.SidebarItem[]

export default defineConfig({
  title: 'ssehub',
  description: 'Server-Sent Events that carry cache-invalidation signals: stop polling.',
  cleanUrls: true,
  // Internal links are checked at build time: a dead one fails the build.
  ignoreDeadLinks: false,
  srcExclude: ['README.md', 'test/**'],
  markdown,
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Protocol', link: '/protocol' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: [
      {
        text: 'Introduction',
        items: [
          { text: 'Getting started', link: '/getting-started' },
          { text: 'Concepts', link: '/concepts' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Next.js App Router', link: '/guides/nextjs' },
          { text: 'Vite', link: '/guides/vite' },
          { text: 'Vue and Nuxt', link: '/guides/vue-nuxt' },
          { text: 'Bun', link: '/guides/bun' },
          { text: 'Deno', link: '/guides/deno' },
          { text: 'Cloudflare Workers', link: '/guides/cloudflare-workers' },
          { text: 'Reverse proxies', link: '/guides/reverse-proxies' },
          { text: 'Production', link: '/guides/production' },
          { text: 'Scale-out: Redis', link: '/guides/redis' },
          { text: 'Scale-out: Postgres', link: '/guides/postgres' },
          { text: 'Migrating from polling', link: '/guides/migrating-from-polling' },
          { text: 'Troubleshooting', link: '/guides/troubleshooting' },
          { text: 'Devtools', link: '/guides/devtools' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Wire protocol', link: '/protocol' },
          { text: 'Third-party clients', link: '/third-party-clients' },
          { text: 'API', link: '/api/', items: apiSidebar },
        ],
      },
    ],
  },
})

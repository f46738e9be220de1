import type { Scenario } from './consumerProject'

const server = ['hub', 'live', 'stream', 'conformance', 'engine', 'run-in-process'] as const
const react = ['query', 'swr', 'react', 'react-swr', 'react-devtools', 'run-render'] as const
const vue = ['vue', 'vue-ssr'] as const
const browser = ['stream', 'query', 'swr', 'react', 'react-swr', 'react-devtools', 'devtools', 'vue'] as const

/**
 * Every peer at the newest version its declared range allows, as `npm install` picks them today: every
 * package and every consumer module.
 */
export const newestPeers: Scenario = {
  name: 'newest',
  packages: ['protocol', 'server', 'client', 'react', 'vue', 'redis', 'postgres', 'devtools'],
  dependencies: {
    hono: '^4',
    '@hono/node-server': '^1.14.1 || ^2.0.0',
    'prom-client': '^15',
    ioredis: '^5',
    pg: '^8',
    '@types/pg': '^8',
    '@tanstack/query-core': '^5',
    '@tanstack/react-query': '^5',
    '@tanstack/vue-query': '^5',
    swr: '^2',
    react: '^19',
    'react-dom': '^19',
    vue: '^3',
    '@types/react': '^19',
    '@types/react-dom': '^19',
    '@types/node': '^20',
  },
  programs: [[...server, ...react, ...vue, 'devtools', 'metrics', 'redis', 'postgres', 'run-node-server']],
  browserModules: browser,
  bundler: true,
}

/**
 * Every peer at the lowest version the packages declare. React 18's types and Vue 3.3's both declare the
 * global JSX namespace, so the React and the Vue modules are two programs here, as they are two apps in
 * life. Node16 only: the Bundler and browser-only checks are the other scenarios' (CI time).
 */
export const lowestPeers: Scenario = {
  ...newestPeers,
  name: 'lowest',
  programs: [
    [...server, ...react, 'metrics', 'redis', 'postgres', 'run-node-server'],
    ['stream', 'devtools', ...vue],
  ],
  browserModules: [],
  bundler: false,
  dependencies: {
    hono: '4.6.0',
    '@hono/node-server': '1.14.1',
    'prom-client': '15.0.0',
    ioredis: '5.3.0',
    pg: '8.11.0',
    '@types/pg': '^8',
    '@tanstack/query-core': '5.0.0',
    '@tanstack/react-query': '5.0.0',
    '@tanstack/vue-query': '5.0.0',
    swr: '2.0.0',
    react: '18.0.0',
    'react-dom': '18.0.0',
    vue: '3.3.0',
    '@types/react': '^18',
    '@types/react-dom': '^18',
    '@types/node': '^20',
  },
}

/**
 * No optional peer at all: the server without prom-client and without @hono/node-server (the client's
 * fetch goes straight to the Hono app), the client without TanStack Query, and React with SWR only.
 */
export const withoutOptionalPeers: Scenario = {
  name: 'without-optional-peers',
  packages: ['protocol', 'server', 'client', 'react', 'devtools'],
  dependencies: {
    hono: '^4',
    swr: '^2',
    react: '^19',
    'react-dom': '^19',
    '@types/react': '^19',
    '@types/react-dom': '^19',
    '@types/node': '^20',
  },
  programs: [[...server, 'swr', 'react-swr', 'devtools', 'run-render']],
  browserModules: ['stream', 'swr', 'react-swr', 'devtools'],
  bundler: true,
}

/**
 * A Cloudflare Worker project: `@ssehub/cloudflare` with the Workers types (no DOM, no Node), as
 * `wrangler types` or `@cloudflare/workers-types` give a Worker. Type-checked only: the object runs in
 * workerd, where the package's own tests run it.
 */
export const cloudflareWorker: Scenario = {
  name: 'cloudflare-worker',
  packages: ['protocol', 'server', 'cloudflare'],
  dependencies: { hono: '^4', '@cloudflare/workers-types': '^4' },
  programs: [['worker']],
  browserModules: [],
  bundler: true,
  runtime: { types: ['@cloudflare/workers-types'], lib: ['ES2023'] },
}

// Bundle sizes an app pays for @ssehub/client, minified and gzipped, as a bundler (vite) builds it.
// Each row bundles one small app entry that imports part of the client from its sources.
// Run: pnpm --filter @ssehub/client bundle-size
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const src = new URL('../src/', import.meta.url).pathname

/** App entries: what each imports and uses. */
const entries = {
  createEventStream: `
    import { createEventStream } from '${src}index.ts'
    globalThis.stream = createEventStream({ url: 'https://x.test/events', topics: ['orders'] })`,
  'createEventStream + bindQueryClient': `
    import { createEventStream } from '${src}index.ts'
    import { bindQueryClient } from '${src}query/index.ts'
    const stream = createEventStream({ url: 'https://x.test/events', topics: ['orders'] })
    globalThis.unbind = bindQueryClient(stream, globalThis.queryClient)`,
  'createEventStream + bindSWR': `
    import { createEventStream } from '${src}index.ts'
    import { bindSWR } from '${src}swr/index.ts'
    const stream = createEventStream({ url: 'https://x.test/events', topics: ['orders'] })
    globalThis.unbind = bindSWR(stream, globalThis.mutate)`,
  'createEventStream + fetchTicket': `
    import { createEventStream, fetchTicket } from '${src}index.ts'
    globalThis.stream = createEventStream({
      url: 'https://x.test/events',
      topics: ['orders'],
      getTicket: ({ signal }) => fetchTicket('https://x.test/events/ticket', { signal }),
    })`,
  'createEventStream + inspectStream (devtools attached)': `
    import { createEventStream, inspectStream } from '${src}index.ts'
    const stream = createEventStream({ url: 'https://x.test/events', topics: ['orders'] })
    globalThis.off = typeof inspectStream === 'function' ? inspectStream(stream, console.log) : undefined`,
}

/** Serves each entry as a virtual module. */
const virtualEntries = {
  name: 'virtual-entries',
  resolveId: (id) => (id.startsWith('entry:') ? `\0${id}` : undefined),
  load: (id) => (id.startsWith('\0entry:') ? entries[id.slice('\0entry:'.length)] : undefined),
}

const rows = []
for (const name of Object.keys(entries)) {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [virtualEntries],
    resolve: { conditions: ['@ssehub/source', 'browser', 'module'] },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rollupOptions: { input: `entry:${name}`, output: { codeSplitting: false } },
    },
  }).catch((error) => ({ error }))
  if ('error' in result) {
    // An entry this version of the client cannot build (the inspect hook before it existed).
    rows.push({ entry: name, minifiedBytes: 'n/a', gzipBytes: 'n/a' })
    continue
  }
  const output = (Array.isArray(result) ? result[0] : result).output
  const code = output
    .filter((chunk) => chunk.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('')
  rows.push({ entry: name, minifiedBytes: code.length, gzipBytes: gzipSync(code).length })
}
console.table(rows)

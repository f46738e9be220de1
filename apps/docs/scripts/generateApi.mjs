// Generates the API reference (api/, Markdown for VitePress) from the TSDoc of every published package.
// The entry points are the packages' `exports` maps (their `@ssehub/source` condition): the reference
// documents exactly what a user can import, and a new or renamed export shows up in it by itself.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Application } from 'typedoc'

/**
 * Packages left out of the reference, with why. @ssehub/cloudflare compiles against the Workers types,
 * which clash with the DOM's in one program, and TypeDoc did not finish converting it in a program of its
 * own (over ten minutes): its README is its reference until that is solved.
 */
const NOT_REFERENCED = new Set(['cloudflare'])

/**
 * Packages converted first. TypeDoc documents a symbol in the first entry point that exports it and shows
 * it as a re-export elsewhere: the protocol's types belong on @ssehub/protocol's page, not on the client's
 * (which re-exports them so users need not install the protocol).
 */
const CONVERTED_FIRST = ['protocol']

const docsDir = join(import.meta.dirname, '..')
const packagesDir = join(docsDir, '..', '..', 'packages')

/**
 * Every published entry point: its source file, and the name TypeDoc gives its module (the path from
 * `packages/` without `/index.ts`, e.g. `client/src/query`) mapped to the specifier users import.
 */
function publishedEntries() {
  const entries = []
  const specifiers = new Map()
  const folders = readdirSync(packagesDir).sort()
  const ordered = [...CONVERTED_FIRST, ...folders.filter((folder) => !CONVERTED_FIRST.includes(folder))]
  for (const folder of ordered) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'))
    if (manifest.private || NOT_REFERENCED.has(folder)) continue
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      const source = typeof conditions === 'object' ? conditions['@ssehub/source'] : undefined
      if (!source) continue
      entries.push(join(packagesDir, folder, source))
      const moduleName = join(folder, source).replace(/\/index\.tsx?$/, '')
      specifiers.set(moduleName, manifest.name + subpath.slice(1))
    }
  }
  return { entries, specifiers }
}

const { entries, specifiers } = publishedEntries()

const out = join(docsDir, 'api')
rmSync(out, { recursive: true, force: true })
const app = await Application.bootstrapWithPlugins({
  entryPoints: entries,
  entryPointStrategy: 'resolve',
  tsconfig: join(docsDir, 'tsconfig.api.json'),
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out,
  docsRoot: docsDir,
  readme: 'none',
  name: 'API reference',
  excludePrivate: true,
  excludeInternal: true,
  // A broken {@link}, or a public type that references one users cannot import, fails the build.
  treatWarningsAsErrors: true,
  sort: ['kind', 'alphabetical'],
  logLevel: process.env.API_LOG_LEVEL ?? 'Info',
})
const project = await app.convert()
if (!project) throw new Error('TypeDoc could not convert the packages (see above)')
for (const module of project.children ?? []) {
  const specifier = specifiers.get(module.name)
  if (!specifier) throw new Error(`no package entry for the module TypeDoc named ${module.name}`)
  module.name = specifier
}
await app.generateOutputs(project)
if (app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error('api: TypeDoc reported the problems above')
  process.exit(1)
}
console.log(`api: ${project.children?.map((child) => child.name).join(', ')}`)

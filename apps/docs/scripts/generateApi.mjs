// Generates the API reference (api/, Markdown for VitePress) from the TSDoc of every published package.
// The entry points are the packages' `exports` maps (their `@ssehub/source` condition): the reference
// documents exactly what a user can import, and a new or renamed export shows up in it by itself.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Application } from 'typedoc'

const docsDir = join(import.meta.dirname, '..')
const packagesDir = join(docsDir, '..', '..', 'packages')

/**
 * Every published entry point: its source file, and the name TypeDoc gives its module (the path from
 * `packages/` without `/index.ts`, e.g. `client/src/query`) mapped to the specifier users import.
 */
function publishedEntries() {
  const entries = []
  const specifiers = new Map()
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'))
    if (manifest.private) continue
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

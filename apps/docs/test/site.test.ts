import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../../testing/packaging/src/run'
import { checkLinks } from './checkLinks'

const docs = join(import.meta.dirname, '..')
const vitepress = join(docs, 'node_modules/vitepress/bin/vitepress.js')
const build = (root: string) =>
  run(process.execPath, [vitepress, 'build', root], { cwd: docs, timeoutMs: 540_000 })

describe('the documentation site', () => {
  it('builds: every code block compiles, and every internal link and anchor resolves', async () => {
    await run(process.execPath, ['scripts/generateApi.mjs'], { cwd: docs })
    await build('.')
    const dist = join(docs, '.vitepress/dist')
    const reference = [
      'api/index',
      // The wire protocol's types have their own entry, beside the client that re-exports them.
      'api/@ssehub/protocol/index',
      'api/@ssehub/protocol/type-aliases/ErrorCode',
    ]
    for (const page of ['index', 'getting-started', 'protocol', 'third-party-clients', ...reference]) {
      expect(existsSync(join(dist, `${page}.html`)), page).toBe(true)
    }
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('Stop polling.')
    // VitePress checks the links written in Markdown; these are every link of the built pages, with anchors.
    expect(checkLinks(dist)).toEqual([])
  }, 600_000)

  // What the site refuses is tested on its Markdown renderer (markdown.test.ts); this is the end-to-end proof
  // that a refusal fails the build.
  it('fails to build a page with a block that does not compile', async () => {
    await expect(build('test/fixtures/broken-code')).rejects.toThrow(/Errors were thrown in the sample/)
  }, 180_000)
})

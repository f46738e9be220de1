import { join } from 'node:path'
import { createMarkdownRenderer, type MarkdownRenderer } from 'vitepress'
import { beforeAll, describe, expect, it } from 'vitest'
import { markdown } from '../.vitepress/markdown'

const docs = join(import.meta.dirname, '..')
let md: MarkdownRenderer

beforeAll(async () => {
  md = await createMarkdownRenderer(docs, markdown)
}, 60_000)

const page = (relativePath: string, source: string) => md.render(source, { relativePath })
const block = (info: string, code: string) => `\`\`\`${info}\n${code}\n\`\`\`\n`

describe("the site's Markdown", () => {
  it('type-checks a twoslash block against the packages and shows its types', () => {
    const html = page(
      'guide.md',
      block('ts twoslash', "import { createHub } from '@ssehub/server'\nconst hub = createHub()"),
    )
    expect(html).toContain('twoslash-hover')
    expect(html).toContain('Hub')
  })

  it('refuses a block that does not compile', () => {
    const broken = block(
      'ts twoslash',
      "import { createHub } from '@ssehub/server'\nawait createHub().invalidateEverything()",
    )
    expect(() => page('guide.md', broken)).toThrow(/Errors were thrown in the sample/)
  })

  it.each(['ts', 'tsx', 'js', 'vue'])('refuses a `%s` block without twoslash', (lang) => {
    expect(() => page('guides/x.md', block(lang, 'const a = 1'))).toThrow(
      `guides/x.md:1: a \`${lang}\` block without twoslash`,
    )
  })

  it('leaves other languages, and the generated API reference, alone', () => {
    expect(page('guides/x.md', block('sh', 'npm install @ssehub/server'))).toContain('npm')
    expect(page('api/x.md', block('ts', 'createHub({ …options })'))).toContain('createHub')
  })
})

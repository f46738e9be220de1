import type { MarkdownRenderer } from 'vitepress'

/** Languages whose blocks must compile. */
const COMPILED = new Set(['ts', 'tsx', 'js', 'jsx', 'typescript', 'javascript', 'vue'])

/**
 * A markdown-it plugin that refuses a TypeScript, JavaScript or Vue block without `twoslash` in a page
 * written by hand, so every code block is type-checked by Twoslash (and the build fails when one does
 * not compile). The generated API reference (`api/`) is exempt: its blocks are TSDoc `@example`s.
 */
export function requireTwoslash(md: MarkdownRenderer): void {
  md.core.ruler.push('require-twoslash', (state) => {
    const page = (state.env as { relativePath?: string }).relativePath ?? ''
    if (page.startsWith('api/')) return
    for (const token of state.tokens) {
      if (token.type !== 'fence') continue
      const [lang = '', ...flags] = token.info.trim().split(/\s+/)
      if (COMPILED.has(lang) && !flags.includes('twoslash')) {
        throw new Error(
          `${page}:${(token.map?.[0] ?? 0) + 1}: a \`${lang}\` block without twoslash. Every code block must compile: mark it \`${lang} twoslash\` (hide setup lines above \`// ---cut---\`).`,
        )
      }
    }
  })
}

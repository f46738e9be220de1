import { transformerTwoslash } from '@shikijs/vitepress-twoslash'
import ts from 'typescript'
import type { MarkdownOptions } from 'vitepress'
import { requireTwoslash } from './requireTwoslash'

/**
 * How pages are rendered: every TypeScript, JavaScript and Vue block must be a Twoslash block
 * (`requireTwoslash`), and Twoslash type-checks each against the packages' sources, throwing — so
 * failing the build — on any error the block does not declare with `// @errors:`.
 */
export const markdown: MarkdownOptions = {
  config: (md) => md.use(requireTwoslash),
  codeTransformers: [
    transformerTwoslash({
      throws: true,
      twoslashOptions: {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          target: ts.ScriptTarget.ES2022,
          lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
          // The packages' TypeScript sources, as everywhere in the repository: no build needed, and a
          // renamed export breaks the page that uses it.
          customConditions: ['@ssehub/source'],
          jsx: ts.JsxEmit.ReactJSX,
          strict: true,
          types: ['node'],
        },
      },
    }),
  ],
}

import { describe, expect, it } from 'vitest'
import { importedPackages } from '../src/readTarball'

describe('importedPackages', () => {
  it('names the packages a module imports, statically, dynamically or for its side effects', () => {
    const source = [
      'import { a } from "hono"',
      "import { b } from 'hono/cookie'",
      "export { c } from '@tanstack/react-query/build'",
      "const d = await import('prom-client')",
      "import 'side-effect'",
      "import { e } from './local.js'",
      "import { f } from 'node:http'",
      '/** @example\n * import { g } from "vitest"\n */',
      "// import { h } from 'commented-out'",
    ].join('\n')
    expect([...importedPackages(source)].sort()).toEqual([
      '@tanstack/react-query',
      'hono',
      'prom-client',
      'side-effect',
    ])
  })
})

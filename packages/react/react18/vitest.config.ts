import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { mergeConfig } from 'vitest/config'
import { packageTestConfig } from '../../../vitest.shared.ts'

/** Where the React 18 set of packages is installed: resolving from here picks them and their peers. */
const anchor = fileURLToPath(new URL('./package.json', import.meta.url))
const REACT_PACKAGES = /^(react|react-dom|@tanstack\/react-query|swr|@testing-library\/react)(\/.*)?$/

/**
 * Resolves React and everything that imports it from this package, which installs React 18: the tests and
 * sources of `@ssehub/react` (one folder up) then run against React 18 and its peers, unchanged.
 */
function react18(): Plugin {
  return {
    name: 'ssehub:react-18',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!REACT_PACKAGES.test(source) || importer === anchor) return null
      return this.resolve(source, anchor, { skipSelf: true })
    },
  }
}

const packageDir = fileURLToPath(new URL('..', import.meta.url))

export default mergeConfig(
  packageTestConfig(packageDir, {
    name: 'react-18',
    environment: 'happy-dom',
    setupFiles: ['./test/setup.ts'],
    include: ['src/**/*.test.tsx', 'test/**/*.test.tsx', 'react18/**/*.test.tsx'],
  }),
  { root: packageDir, plugins: [react18()] },
)

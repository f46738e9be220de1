import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { PublishedPackage } from './packTarballs'
import { type RunResult, run } from './run'

/** One way an app installs the packages: which of them, next to which third-party versions. */
export interface Scenario {
  name: string
  /** The @ssehub packages the app installs, from their tarballs. */
  packages: readonly PublishedPackage[]
  /** Third-party packages the app installs, as npm version specs. */
  dependencies: Record<string, string>
  /**
   * Consumer modules (in `consumer/`, without extension) compiled for Node: type-checked and run. Each
   * list is one program (one tsconfig), as a project's apps would be.
   */
  programs: readonly (readonly string[])[]
  /** The browser code among them, type-checked again without Node's types. */
  browserModules: readonly string[]
  /** Also type-check every program under moduleResolution Bundler (Node16 always runs: it emits what runs). */
  bundler: boolean
  /** The ambient types and libs of the programs, when not Node's (a Worker's). @default Node's, with the DOM */
  runtime?: { types: string[]; lib: string[] }
}

/** `node16` and `bundler` check every program with Node's types; `browser` the browser modules without. */
export type TsConfig = 'node16' | 'bundler' | 'browser'

/** An installed consumer project. */
export interface ConsumerProject {
  dir: string
  /** Type-checks under one of the project's tsconfigs (every one has `skipLibCheck: false`). */
  typecheck(config: TsConfig): Promise<RunResult>
  /** Runs a module compiled by `typecheck('node16')` with Node. */
  runNode(module: string, args?: readonly string[]): Promise<RunResult>
  /** The installed version of a dependency. */
  versionOf(name: string): string
}

const consumerDir = join(import.meta.dirname, '..', 'consumer')
const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js')

/** What a strict app sets, and nothing that hides a broken declaration file. */
const strictOptions = {
  strict: true,
  skipLibCheck: false,
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  types: [],
  forceConsistentCasingInFileNames: true,
}
const nodeProgramOptions = { ...strictOptions, types: ['node'] }

/**
 * Makes an empty npm project in `root/<scenario>`, installs the scenario's tarballs and dependencies with
 * npm (as a user would: no workspace, no pnpm), copies the consumer modules in and writes three tsconfigs:
 * `node16` (module and moduleResolution Node16, emitting JavaScript to run), `bundler`
 * (moduleResolution Bundler) and `browser` (Bundler, without Node's types, for the browser modules).
 */
export async function installConsumer(
  scenario: Scenario,
  tarballs: Record<PublishedPackage, string>,
  root: string,
): Promise<ConsumerProject> {
  const dir = join(root, scenario.name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  const ours = Object.fromEntries(
    scenario.packages.map((name) => [`@ssehub/${name}`, `file:${tarballs[name]}`]),
  )
  writeJson(join(dir, 'package.json'), {
    name: `consumer-${scenario.name}`,
    private: true,
    type: 'module',
    dependencies: { ...scenario.dependencies, ...ours },
    // Our packages depend on each other by version: point those at the tarballs too, never the registry.
    overrides: Object.fromEntries(Object.keys(ours).map((name) => [name, `$${name}`])),
  })
  const sources = (modules: readonly string[]) =>
    modules.map((module) => `src/${module}${extensionOf(module)}`)
  for (const file of new Set(sources(scenario.programs.flat()))) {
    copyFileSync(join(consumerDir, file.slice(4)), join(dir, file))
  }
  const configs: Record<TsConfig, string[]> = { node16: [], bundler: [], browser: [] }
  const nodeOptions = scenario.runtime ? { ...strictOptions, ...scenario.runtime } : nodeProgramOptions
  // With `jsx` set, every module imports react/jsx-runtime: only a program with React modules sets it.
  const jsxFor = (modules: readonly string[]) =>
    modules.some((module) => extensionOf(module) === '.tsx') ? { jsx: 'react-jsx' } : {}
  scenario.programs.forEach((modules, index) => {
    configs.node16.push(`tsconfig.node16.${index}.json`)
    writeJson(join(dir, `tsconfig.node16.${index}.json`), {
      compilerOptions: {
        ...nodeOptions,
        ...jsxFor(modules),
        module: 'Node16',
        moduleResolution: 'Node16',
        outDir: 'out',
        rootDir: 'src',
      },
      files: sources(modules),
    })
    configs.bundler.push(`tsconfig.bundler.${index}.json`)
    writeJson(join(dir, `tsconfig.bundler.${index}.json`), {
      compilerOptions: {
        ...nodeOptions,
        ...jsxFor(modules),
        module: 'ESNext',
        moduleResolution: 'Bundler',
        noEmit: true,
      },
      files: sources(modules),
    })
  })
  if (scenario.browserModules.length > 0) {
    configs.browser.push('tsconfig.browser.json')
    writeJson(join(dir, 'tsconfig.browser.json'), {
      compilerOptions: {
        ...strictOptions,
        ...jsxFor(scenario.browserModules),
        module: 'ESNext',
        moduleResolution: 'Bundler',
        noEmit: true,
      },
      files: sources(scenario.browserModules),
    })
  }
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], {
    cwd: dir,
    env: npmEnv(),
    timeoutMs: 540_000,
  })
  return {
    dir,
    async typecheck(config) {
      let output = ''
      for (const file of configs[config])
        output += (await run(process.execPath, [tsc, '-p', file], { cwd: dir })).output
      return { code: 0, output }
    },
    runNode: (module, args = []) =>
      run(process.execPath, [join('out', `${module}.js`), ...args], { cwd: dir, timeoutMs: 60_000 }),
    versionOf: (name) =>
      (
        JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string
        }
      ).version,
  }
}

function extensionOf(module: string): string {
  return module.startsWith('react') ? '.tsx' : '.ts'
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** The environment without what pnpm passes to its scripts (`npm_config_*`), which npm would obey. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  )
}

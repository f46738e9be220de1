import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { run } from './run'

/** The published packages, by folder under `packages/`. */
export const PUBLISHED = [
  'protocol',
  'server',
  'client',
  'react',
  'vue',
  'redis',
  'postgres',
  'devtools',
  'cloudflare',
] as const
export type PublishedPackage = (typeof PUBLISHED)[number]

/** The repository root. */
export const repoRoot = join(import.meta.dirname, '..', '..', '..')

/**
 * `pnpm pack`s every published package (already built: turbo builds them before this package's tests)
 * into `outDir`, as the registry would get them: `workspace:` ranges replaced by versions. Resolves to
 * each package's tarball path.
 */
export async function packTarballs(outDir: string): Promise<Record<PublishedPackage, string>> {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const tarballs = {} as Record<PublishedPackage, string>
  for (const name of PUBLISHED) {
    const [command, ...args] = pnpmCommand()
    await run(command as string, [...args, 'pack', '--pack-destination', outDir], {
      cwd: join(repoRoot, 'packages', name),
    })
    const file = readdirSync(outDir).find((entry) => entry.startsWith(`ssehub-${name}-`))
    if (!file) throw new Error(`pnpm pack left no tarball for @ssehub/${name} in ${outDir}`)
    tarballs[name] = join(outDir, file)
  }
  return tarballs
}

/** pnpm as the running script was started with it (`pnpm test` sets npm_execpath), else from PATH. */
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm\.c?js$/.test(execPath)) return [process.execPath, execPath]
  return ['pnpm']
}

/** The folders under `packages/` whose package is not private: what `PUBLISHED` must list. */
export function publishedFolders(): string[] {
  return readdirSync(join(repoRoot, 'packages'))
    .filter((folder) => {
      const manifest = join(repoRoot, 'packages', folder, 'package.json')
      return (
        existsSync(manifest) && !(JSON.parse(readFileSync(manifest, 'utf8')) as { private?: boolean }).private
      )
    })
    .sort()
}

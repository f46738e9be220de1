import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { run } from './run'

/** A packed package as npm would unpack it. */
export interface UnpackedPackage {
  /** `package.json` as published. */
  manifest: PackageManifest
  /** Every file's path inside the package. */
  files: string[]
  /** A file's text. */
  read(path: string): string
}

/** The fields of a published `package.json` the tests look at. */
export interface PackageManifest {
  name: string
  license?: string
  homepage?: string
  repository?: { type?: string; url?: string; directory?: string }
  bugs?: { url?: string }
  engines?: Record<string, string>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

/** Unpacks a tarball into `dir` (emptied first). */
export async function readTarball(tarball: string, dir: string): Promise<UnpackedPackage> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', dir], { cwd: dir })
  const root = join(dir, 'package')
  const read = (path: string) => readFileSync(join(root, path), 'utf8')
  return { manifest: JSON.parse(read('package.json')) as PackageManifest, files: listFiles(root, root), read }
}

function listFiles(dir: string, root: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path)]
  })
}

/** The bare module specifiers (packages, not relative paths) a JavaScript or declaration file imports. */
export function importedPackages(source: string): Set<string> {
  const names = new Set<string>()
  // Comments are not imports (a JSDoc `@example` often shows one).
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g
  for (const [, specifier] of code.matchAll(specifiers)) {
    // Modules of the runtime (`node:http`, `cloudflare:workers`) are not packages.
    if (!specifier || /^[a-z]+:/.test(specifier)) continue
    const parts = specifier.split('/')
    names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string))
  }
  return names
}

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { workDir } from '../src/globalSetup'
import { PUBLISHED, type PublishedPackage, publishedFolders, repoRoot } from '../src/packTarballs'
import { importedPackages, readTarball, type UnpackedPackage } from '../src/readTarball'

/**
 * Peers declared for the version range they must be in, though no import names them literally: the
 * server's direct write path runs on @hono/node-server's response (reached through `c.env`), from 1.14.1
 * on; prom-client is imported lazily through a computed specifier (a literal one breaks a Worker's build).
 */
const UNIMPORTED_PEERS = new Set(['@hono/node-server', 'prom-client'])

/** Packages that run in a browser: they say nothing about Node versions. */
const BROWSER = new Set<PublishedPackage>(['protocol', 'client', 'react', 'vue', 'devtools'])

it('packs every published package', () => {
  expect([...PUBLISHED].sort()).toEqual(publishedFolders())
})

describe.each(PUBLISHED)('the @ssehub/%s tarball', (name) => {
  let unpacked: UnpackedPackage

  beforeAll(async () => {
    unpacked = await readTarball(inject('tarballs')[name], join(workDir, 'unpacked', name))
  })

  it('ships the MIT license, the README and the build', () => {
    expect(unpacked.manifest.license).toBe('MIT')
    expect(unpacked.read('LICENSE')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'))
    expect(unpacked.files).toContain('README.md')
    expect(unpacked.files).toContain('dist/index.js')
    expect(unpacked.files).toContain('dist/index.d.ts')
    expect(
      unpacked.files.filter(
        (file) => !/^(dist\/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)/.test(file),
      ),
    ).toEqual([])
  })

  it('says where its source, home page and issue tracker are', () => {
    const { repository, homepage, bugs } = unpacked.manifest
    expect(repository).toEqual({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\//),
      directory: `packages/${name}`,
    })
    expect(homepage).toMatch(/^https:\/\//)
    expect(bugs?.url).toMatch(/^https:\/\//)
  })

  it.runIf(BROWSER.has(name))('declares no Node engine (it runs in browsers)', () => {
    expect(unpacked.manifest.engines).toBeUndefined()
  })

  it('imports only what it declares, and declares no peer it never imports', () => {
    const { dependencies = {}, peerDependencies = {} } = unpacked.manifest
    const imported = new Set(
      unpacked.files
        .filter((file) => /\.(js|d\.ts)$/.test(file))
        .flatMap((file) => [...importedPackages(unpacked.read(file))]),
    )
    const declared = new Set([...Object.keys(dependencies), ...Object.keys(peerDependencies)])
    expect([...imported].filter((pkg) => !declared.has(pkg) && pkg !== unpacked.manifest.name)).toEqual([])
    expect(
      Object.keys(peerDependencies).filter((pkg) => !imported.has(pkg) && !UNIMPORTED_PEERS.has(pkg)),
    ).toEqual([])
    expect(JSON.stringify(unpacked.manifest)).not.toContain('workspace:')
  })
})

describe.each([
  ['react', ['dist/index.js', 'dist/swr/index.js']],
  ['devtools', ['dist/react/index.js']],
] as const)('the @ssehub/%s tarball', (name, entries) => {
  it('keeps "use client" on top of its React entries, so a Next.js server component can import them', async () => {
    const unpacked = await readTarball(inject('tarballs')[name], join(workDir, 'unpacked', `${name}-entries`))
    for (const entry of entries) {
      expect(unpacked.read(entry).startsWith('"use client";\n'), entry).toBe(true)
    }
  })
})

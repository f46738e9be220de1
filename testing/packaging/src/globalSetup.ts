import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { packTarballs } from './packTarballs'

/** Where the tarballs and consumer projects go (ignored by git). */
export const workDir = join(import.meta.dirname, '..', '.work')

declare module 'vitest' {
  export interface ProvidedContext {
    tarballs: Record<import('./packTarballs').PublishedPackage, string>
  }
}

/** Packs every published package once, for all the test files. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('tarballs', await packTarballs(join(workDir, 'tarballs')))
}

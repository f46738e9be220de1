import * as prom from 'prom-client'
import { describe, expect, it } from 'vitest'
import { loadPromClient } from './loadPromClient'

function moduleNotFound(specifier: string) {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/server.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  })
}

describe('loadPromClient', () => {
  it('loads the installed prom-client', async () => {
    const loaded = await loadPromClient()
    expect(typeof loaded?.Counter).toBe('function')
    expect(typeof loaded?.Registry).toBe('function')
  })

  it('unwraps a CommonJS default export', async () => {
    expect(await loadPromClient(async () => ({ default: prom }))).toBe(prom)
  })

  it.each([
    ['ESM', moduleNotFound('prom-client')],
    ['CommonJS', Object.assign(new Error("Cannot find module 'prom-client'"), { code: 'MODULE_NOT_FOUND' })],
  ])('resolves to undefined when prom-client is not installed (%s)', async (_name, error) => {
    expect(await loadPromClient(() => Promise.reject(error))).toBeUndefined()
  })

  it('throws when a dependency of prom-client is missing (a broken install)', async () => {
    const error = moduleNotFound('tdigest')
    await expect(loadPromClient(() => Promise.reject(error))).rejects.toBe(error)
  })

  it('throws any other failure', async () => {
    const error = new SyntaxError('Unexpected token')
    await expect(loadPromClient(() => Promise.reject(error))).rejects.toBe(error)
  })
})

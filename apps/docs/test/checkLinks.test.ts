import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkLinks } from './checkLinks'

let dist: string | undefined
afterEach(() => dist && rmSync(dist, { recursive: true, force: true }))

function site(pages: Record<string, string>): string {
  dist = mkdtempSync(join(tmpdir(), 'docs-links-'))
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(dist, path, '..'), { recursive: true })
    writeFileSync(join(dist, path), html)
  }
  return dist
}

describe('checkLinks', () => {
  it('follows clean URLs, folders, relative links and anchors', () => {
    const root = site({
      'index.html':
        '<a href="/guides/proxies#nginx">a</a> <a href="/api/">b</a> <a href="https://x.dev/">c</a>',
      'guides/proxies.html': '<h2 id="nginx">nginx</h2><a href="../index">up</a><a href="#nginx">self</a>',
      'api/index.html': '<link href="/assets/style.css">',
    })
    expect(checkLinks(root)).toEqual([])
  })

  it('reports a link to no page and an anchor no element has', () => {
    const root = site({
      'index.html': '<a href="/guides/missing">a</a> <a href="/guides/proxies#caddy">b</a>',
      'guides/proxies.html': '<h2 id="nginx">nginx</h2>',
    })
    expect(checkLinks(root)).toEqual([
      { page: '/', href: '/guides/missing', why: 'no page' },
      { page: '/', href: '/guides/proxies#caddy', why: 'no anchor' },
    ])
  })
})

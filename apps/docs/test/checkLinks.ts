import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** A link in a built page that leads nowhere. */
export interface BrokenLink {
  page: string
  href: string
  why: 'no page' | 'no anchor'
}

/**
 * Every internal link (`href`) in the built site — page text, nav, sidebar, the API reference — must lead
 * to a page, and its `#anchor` to an element with that id. VitePress itself checks only the links written
 * in Markdown, and never their anchors.
 */
export function checkLinks(dist: string): BrokenLink[] {
  const pages = htmlFiles(dist)
  const ids = new Map<string, Set<string>>()
  const idsOf = (file: string) => {
    let found = ids.get(file)
    if (!found) {
      found = new Set(
        [...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map(([, id]) => id as string),
      )
      ids.set(file, found)
    }
    return found
  }
  const broken: BrokenLink[] = []
  for (const file of pages) {
    const page = `/${relative(dist, file).replace(/(index)?\.html$/, '')}`
    for (const [, href] of readFileSync(file, 'utf8').matchAll(/\shref="([^"]+)"/g)) {
      if (!href || /^[a-z]+:/i.test(href) || href.startsWith('//')) continue
      const url = new URL(href, `http://site${page}`)
      if (url.pathname.startsWith('/assets/') || /\.(css|js|svg|png|ico|woff2?)$/.test(url.pathname)) continue
      const target = pageFile(dist, decodeURIComponent(url.pathname))
      if (!target) broken.push({ page, href, why: 'no page' })
      else if (url.hash && !idsOf(target).has(decodeURIComponent(url.hash.slice(1))))
        broken.push({ page, href, why: 'no anchor' })
    }
  }
  return broken
}

function pageFile(dist: string, pathname: string): string | undefined {
  const base = join(dist, pathname)
  const candidates = pathname.endsWith('/')
    ? [join(base, 'index.html')]
    : [`${base}.html`, join(base, 'index.html'), base]
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return htmlFiles(path)
    return path.endsWith('.html') ? [path] : []
  })
}

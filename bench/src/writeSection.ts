import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export const RESULTS_FILE = fileURLToPath(new URL('../RESULTS.md', import.meta.url))

/**
 * Replaces the section `name` of bench/RESULTS.md (between its start and end markers), or appends it,
 * so `bench:fanout` and `bench:polling` each rewrite their own figures and keep the other's.
 */
export async function writeSection(name: string, markdown: string): Promise<string> {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  let text = ''
  try {
    text = await readFile(RESULTS_FILE, 'utf8')
  } catch {}
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (!text)
    text = '# ssehub benchmarks over real HTTP\n\nWritten by the scripts in `bench/`; do not edit by hand.\n'
  const next =
    from !== -1 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`
  await writeFile(RESULTS_FILE, next.endsWith('\n') ? next : `${next}\n`)
  return RESULTS_FILE
}

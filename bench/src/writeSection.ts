import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const RESULTS_FILE = fileURLToPath(new URL('../RESULTS.md', import.meta.url))
const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url))

/**
 * Writes a script's figures as the section `name` of bench/RESULTS.md and, where README.md has that
 * section's markers, there too: so `bench:fanout` and `bench:polling` each rewrite their own figures,
 * keep the other's, and no table in the README is typed by hand.
 */
export async function writeSection(name: string, markdown: string): Promise<string> {
  await replaceSection(RESULTS_FILE, name, markdown, true)
  await replaceSection(README_FILE, name, markdown, false)
  return RESULTS_FILE
}

/** Replaces the section `name` (between its markers) of `file`; adds it at the end when `create`, else leaves a file without it alone. */
export async function replaceSection(
  file: string,
  name: string,
  markdown: string,
  create: boolean,
): Promise<void> {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {}
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (!create && (from === -1 || to < from)) return
  if (!text)
    text = '# ssehub benchmarks over real HTTP\n\nWritten by the scripts in `bench/`; do not edit by hand.\n'
  const next =
    from !== -1 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`
  await writeFile(file, next.endsWith('\n') ? next : `${next}\n`)
}

import { execSync } from 'node:child_process'

/**
 * The commit measured, and whether the sources under `paths` (relative to bench/) differed from it: a
 * figure from a tree with other work in it says so.
 */
export function codeRevision(paths: readonly string[]): string {
  try {
    const head = execSync('git rev-parse --short HEAD').toString().trim()
    const dirty =
      execSync(`git status --porcelain -- ${paths.join(' ')}`)
        .toString()
        .trim() !== ''
    return `commit ${head}${dirty ? `, with uncommitted changes in ${paths.map((path) => path.replace(/^\.\.\//, '')).join(' or ')}` : ''}`
  } catch {
    return 'not a git checkout'
  }
}

/** The busiest processes on the machine now (`ps`), for the record of what else ran beside a benchmark. */
export function busiestProcesses(): string {
  return execSync('ps -eo pcpu,etime,comm,args --sort=-pcpu | head -8 | cut -c1-160').toString()
}

/** The "What else was running" part of a results section, from {@link busiestProcesses}' output. */
export function otherProcessesMarkdown(processes: string): string[] {
  return [
    '### What else was running',
    '',
    'The busiest processes when the run started (`ps`):',
    '',
    '```',
    processes.trim(),
    '```',
  ]
}

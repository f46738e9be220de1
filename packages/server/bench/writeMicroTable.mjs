/**
 * Runs the micro-benchmarks (`micro.bench.ts`) and writes their medians, against the targets of issue 3,
 * into `RESULTS.md` beside this file. A hand-written `## Notes` section already there is kept.
 *
 * Usage: `pnpm bench:micro` (at the root or in packages/server).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = dirname(fileURLToPath(import.meta.url))
const packageDir = join(benchDir, '..')
const resultsPath = join(benchDir, 'RESULTS.md')
const GO_FIGURE = 'Go library, desktop CPU'

/** Targets in ns per operation, by case name (the bench name without its `(×N)` suffix). */
const TARGETS = new Map([
  ['TopicIndex.match, exact subscription, 1,000 indexed', { ns: 50, source: 'issue 3' }],
  ['matchesPattern, exact', { ns: 50, source: 'issue 3' }],
  ['Router.route, instant invalidate (encode once, write to 1,000)', { ns: 84_000, source: GO_FIGURE }],
  ['Router.route, coalesced progress (enqueue into 1,000 lanes)', { ns: 84_000, source: GO_FIGURE }],
  ['Connection.deliver, coalesced, same key', { ns: 50, source: 'issue 3' }],
])

/** `12.3 ns`, `61.4 µs`, `1.25 ms`: three significant figures in the unit that keeps them readable. */
function formatNs(ns) {
  const figures = (value) => Number(value.toPrecision(3))
  if (ns < 1_000) return `${figures(ns)} ns`
  if (ns < 1_000_000) return `${figures(ns / 1_000)} µs`
  return `${figures(ns / 1_000_000)} ms`
}

function runBenchmarks() {
  const vitestBin = join(dirname(fileURLToPath(import.meta.resolve('vitest/package.json'))), 'vitest.mjs')
  const tempDir = mkdtempSync(join(os.tmpdir(), 'ssehub-bench-'))
  const jsonPath = join(tempDir, 'micro.json')
  try {
    const run = spawnSync(
      process.execPath,
      [vitestBin, 'bench', '--run', '--config', 'vitest.bench.config.ts', '--outputJson', jsonPath],
      { cwd: packageDir, stdio: 'inherit' },
    )
    if (run.status !== 0) throw new Error(`vitest bench exited with ${run.status ?? run.signal}`)
    return JSON.parse(readFileSync(jsonPath, 'utf8'))
  } finally {
    rmSync(tempDir, { recursive: true, force: true })
  }
}

/** One row per benchmark: tinybench times each sample in ms; a `(×N)` case ran its operation N times. */
function toRows(report) {
  const rows = []
  for (const file of report.files) {
    for (const group of file.groups) {
      for (const benchmark of group.benchmarks) {
        const batch = /\s*\(×([\d,]+)\)$/.exec(benchmark.name)
        const opsPerSample = batch ? Number(batch[1].replaceAll(',', '')) : 1
        const name = batch ? benchmark.name.slice(0, batch.index) : benchmark.name
        rows.push({
          group: group.fullName.split(' > ').at(-1),
          name,
          medianNs: (benchmark.median * 1e6) / opsPerSample,
          minNs: (benchmark.min * 1e6) / opsPerSample,
          samples: benchmark.sampleCount,
          target: TARGETS.get(name),
        })
      }
    }
  }
  for (const name of TARGETS.keys()) {
    if (!rows.some((row) => row.name === name)) throw new Error(`No benchmark named "${name}" ran`)
  }
  return rows
}

function keptNotes() {
  try {
    const previous = readFileSync(resultsPath, 'utf8')
    const at = previous.indexOf('\n## Notes')
    return at === -1 ? '' : previous.slice(at)
  } catch {
    return ''
  }
}

function render(rows, loadBefore) {
  const cpus = os.cpus()
  const vitestVersion = JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve('vitest/package.json')), 'utf8'),
  ).version
  const lines = [
    '# Micro-benchmarks of the hub core',
    '',
    'Written by `pnpm bench:micro` (`node bench/writeMicroTable.mjs` in `packages/server`), which runs',
    '`vitest bench` on `bench/micro.bench.ts`. Do not edit the table by hand; the Notes section is kept.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.arch()}`,
    `- Runtime: Node ${process.version}, vitest ${vitestVersion} (tinybench)`,
    `- Load average when the run started (1/5/15 min): ${loadBefore.map((n) => n.toFixed(2)).join(' / ')}`,
    '',
    'Median (and fastest) sample per operation. Cases faster than a microsecond run their operation',
    '1,000 times per timed sample and are divided by 1,000, so the clock read is not what is measured.',
    '',
    '| group | case | median | fastest | target | met? |',
    '|---|---|--:|--:|--:|:-:|',
  ]
  for (const row of rows) {
    const target = row.target ? `≤ ${formatNs(row.target.ns)} (${row.target.source})` : '—'
    const met = row.target ? (row.medianNs <= row.target.ns ? 'yes' : '**no**') : '—'
    lines.push(
      `| ${row.group} | ${row.name} | ${formatNs(row.medianNs)} | ${formatNs(row.minNs)} | ${target} | ${met} |`,
    )
  }
  return `${lines.join('\n')}\n${keptNotes()}`
}

const loadBefore = os.loadavg()
const rows = toRows(runBenchmarks())
writeFileSync(resultsPath, render(rows, loadBefore))
for (const row of rows) {
  const verdict = row.target ? (row.medianNs <= row.target.ns ? 'met' : 'MISSED') : ''
  console.log(`${row.name.padEnd(66)} ${formatNs(row.medianNs).padStart(10)}  ${verdict}`)
}
console.log(`Wrote ${resultsPath}`)

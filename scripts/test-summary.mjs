// Adds up the JSON reports every package's vitest run leaves in .test-results/ and prints the one line
// CI reads: `N passed, N failed`. Exits non-zero when a test failed, a suite could not load, no report
// was written, or the turbo run before it failed (`--exit-code N`, e.g. a type error).
// `--reset` clears old reports before a run.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', '.test-results')
const args = process.argv.slice(2)
if (args.includes('--reset')) {
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
const exitCodeAt = args.indexOf('--exit-code')
const runExitCode = exitCodeAt === -1 ? 0 : Number(args[exitCodeAt + 1])

let files = []
try {
  files = readdirSync(dir).filter((file) => file.endsWith('.json'))
} catch {}
let passed = 0
let failed = 0
let skipped = 0
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  // A suite that failed to load has no tests in it, yet it failed.
  failed += report.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length
}
if (runExitCode !== 0)
  console.error(`the test run exited with ${runExitCode} (see above: a type error or a crashed runner)`)
if (files.length === 0) console.error('no test reports were written')
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || files.length === 0 || runExitCode !== 0 ? 1 : 0)

// Adds up the JSON reports every package's vitest run leaves in .test-results/ and prints the one
// line CI reads: `N passed, N failed`. Exits non-zero when a test failed or a package left no report.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', '.test-results')
let passed = 0
let failed = 0
let skipped = 0
let files
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'))
} catch {
  files = []
}
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  // A suite that failed to load (syntax error, missing import) has no tests but is a failure.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length
  if (!report.success && report.numFailedTests === 0) console.error(`${file}: run did not succeed`)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || files.length === 0 ? 1 : 0)

// A hostile stream into the panel: 10,000 events/s for 5 s, one in 500 carrying 1 MB (20 MB/s), in
// Chromium; the same page without the panel for comparison. Prints animation-frame gaps, the time a
// click on "pause" takes to show, what the panel kept and the page's JS heap.
// Run: pnpm --filter @ssehub/devtools flood
import { runFlood } from '../test/flood'

const rows = []
for (const [page, options] of [
  ['stream alone', { withPanel: false }],
  ['stream + panel store (no drawing)', { storeOnly: true }],
  ['stream + panel', { withPanel: true }],
] as const) {
  const result = await runFlood(options)
  const withPanel = page !== 'stream alone'
  rows.push({
    page,
    'events sent': result.sent,
    'panel counted': withPanel ? result.counted : '–',
    'rows kept': withPanel ? result.rowsKept : '–',
    'frame gap p50 (ms)': result.frameGapMs.p50,
    'frame gap p99 (ms)': result.frameGapMs.p99,
    'frame gap max (ms)': result.frameGapMs.max,
    'pause click (ms)': result.pauseClickMs ?? '–',
    'JS heap (MB)': result.heapMB,
  })
}
console.table(rows)

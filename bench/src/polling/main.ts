import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { writeSection } from '../writeSection'
import { type ModeResult, runMode } from './runMode'

/**
 * `pnpm bench:polling`: 100 users with six dashboard pages each, 60 s, a mutation a second across the
 * tenant; once polling every 30 s, once on ssehub invalidations. `--duration 10` for a short local run
 * (it prints, and writes bench/RESULTS.md only with `--write`); the committed figures come from the default.
 */
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    users: { type: 'string', default: '100' },
    write: { type: 'boolean', default: false },
  },
})
const durationSec = Number(values.duration)
const users = Number(values.users)
const startedAt = new Date()
const loadAtStart = loadavg()
const results: ModeResult[] = []
for (const mode of ['polling', 'ssehub-default', 'ssehub-hints'] as const) {
  const result = await runMode(mode, users, durationSec)
  results.push(result)
  console.log(JSON.stringify(result))
}

const [polling, byResource, hints] = results as [ModeResult, ModeResult, ModeResult]
const ms = (n: number) =>
  Number.isFinite(n) ? (n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')) : '—'
const LABELS = {
  polling: 'polling every 30 s',
  'ssehub-default': 'ssehub, `bindQueryClient` defaults',
  'ssehub-hints': 'ssehub, lists invalidated + hints on records',
}
// Polling as often as it takes to match ssehub's median freshness: a poll every 2 × p50, on every page.
const pollingForSameFreshness = (6 * 60_000) / (2 * hints.freshP50Ms)
const markdown = [
  '## Polling against invalidations',
  '',
  `Written by \`pnpm bench:polling${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}\` on ${startedAt.toISOString()}: ${cpus().length} cores, Node ${process.version}, load average ${loadAtStart.map((n) => n.toFixed(2)).join(' / ')} at the start.`,
  '',
  `${users} users, each with six dashboard pages open (two lists, four records; TanStack Query observers), who arrive over 5 s; then for ${durationSec} s one record a second changes somewhere in the tenant (six resources of 100 records each) and the API requests are counted. Polling: every query refetches every 30 s. ssehub: one \`@ssehub/client\` stream per user bound with \`bindQueryClient\`, nothing polls; with its defaults an event about \`orders\` refetches every \`['orders', …]\` query, while the hints set-up (\`toQueryKey: ({ resource }) => [resource, 'list']\`, \`applyHint: true\`) refetches the lists and updates the changed record page from the event's hint. Time to fresh data runs from a mutation's commit to each open page that shows the changed data rendering its new version; polling runs get a 31 s tail so every page polls once more after the last mutation.`,
  '',
  '| mode | API requests per user per minute | time to fresh data p50 | p99 | max | page × mutation pairs | never fresh |',
  '|---|--:|--:|--:|--:|--:|--:|',
  ...results.map(
    (r) =>
      `| ${LABELS[r.mode]} | ${r.requestsPerUserPerMin.toFixed(1)} | ${ms(r.freshP50Ms)} ms | ${ms(r.freshP99Ms)} ms | ${ms(r.freshMaxMs)} ms | ${r.samples.toLocaleString('en-US')} | ${r.stale} |`,
  ),
  '',
  `With hints, ssehub makes ${(hints.requestsPerUserPerMin / polling.requestsPerUserPerMin).toFixed(2)}× the API requests of 30 s polling (with the binder's defaults ${(byResource.requestsPerUserPerMin / polling.requestsPerUserPerMin).toFixed(2)}×), and the data is fresh ${Math.round(polling.freshP50Ms / hints.freshP50Ms).toLocaleString('en-US')}× sooner at the median. Polling as fresh as that median would cost about ${Math.round(pollingForSameFreshness).toLocaleString('en-US')} requests per user per minute.`,
].join('\n')
console.log(markdown)
if (durationSec === 60 && users === 100) console.log(`wrote ${await writeSection('polling', markdown)}`)
else if (values.write) console.log(`wrote ${await writeSection('polling', markdown)}`)

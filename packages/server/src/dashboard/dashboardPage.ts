import { dashboardScript } from './dashboardScript'

const styles = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #6b7280; --line: #e5e7eb; --bg: #fff; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e7eb; --muted: #9ca3af; --line: #2a2f3a; --bg: #111318; } }
body { margin: 0; padding: 16px 24px; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 14px; margin: 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; margin-top: 12px; }
section { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.help, .muted { color: var(--muted); font-size: 12px; margin: 2px 0 6px; }
svg { width: 100%; height: auto; display: block; }
.line { fill: none; stroke-width: 1.5; } .axis { stroke: var(--line); } .tick { fill: var(--muted); font-size: 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
#error { color: #dc2626; }
`

/** One plot: its title and what it means, for someone who has never read the docs. */
const plots: Array<[id: string, title: string, help: string]> = [
  [
    'connections',
    'Open connections',
    'Browser tabs (or shared-tab leaders) holding a stream now. Tick "by tenant" to split them by tenant.',
  ],
  [
    'frames',
    'Frames per second, per lane',
    'Frames written to sockets. instant: sent at once (invalidations); batched: held until the connection’s next flush; coalesced: like batched, keeping only the latest value per key (progress).',
  ],
  [
    'coalesced',
    'Coalesced away',
    'Values replaced by a newer one before they were sent: bytes not written because only the latest mattered.',
  ],
  [
    'drops',
    'Drops and resyncs',
    'A slow client whose buffer overflowed loses frames; it then gets a resync and refetches everything it shows. Anything above zero deserves a look.',
  ],
  [
    'flush',
    'Flush-interval bands',
    'Held frames are flushed every 500 ms to 8 s per connection: the fuller a connection’s socket, the longer it waits. Most flushes in the fastest band means clients keep up.',
  ],
  [
    'latency',
    'Publish latency (ms)',
    'Time for publish() to hand an event to the engine (memory, Redis): what your mutation handlers wait for.',
  ],
  [
    'engine',
    'Engine',
    'How far behind this node reads the shared engine: events reach its clients this late.',
  ],
]

/** Escapes text for HTML. Only constants go through it, but a title option may not be one. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** The page's inline script and style, hashed for its Content-Security-Policy. */
export const dashboardAssets = { script: dashboardScript, styles }

/**
 * The dashboard page: one self-contained HTML document (inline style and script, no request but its
 * own `?samples=1`), configured by a JSON block.
 */
export function dashboardPage(options: {
  title: string
  sampleIntervalMs: number
  windowMs: number
}): string {
  const config = JSON.stringify({ sampleIntervalMs: options.sampleIntervalMs, windowMs: options.windowMs })
  const sections = plots
    .map(
      ([id, title, help]) =>
        `<section id="${id}"><h2>${title}</h2><p class="help">${help}</p><div class="plot"></div><div class="legend"></div></section>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title><style>${styles}</style></head>
<body>
<h1>${escapeHtml(options.title)}</h1>
<p class="muted"><span id="now">loading…</span> · the last ${Math.round(options.windowMs / 60_000)} minutes, sampled every ${options.sampleIntervalMs / 1000} s while this page is open ·
<label><input type="checkbox" id="by-tenant"> by tenant</label> <span id="error"></span></p>
<div class="grid">
${sections}
</div>
<script type="application/json" id="config">${config.replace(/</g, '\\u003c')}</script>
<script>${dashboardScript}</script>
</body></html>`
}

/** The panel's CSS, inside its shadow root: the app's styles don't reach in, the panel's don't leak out. */
export const panelStyles = `
:host { all: initial; display: block; height: 100%; }
.panel { --bg: #fff; --fg: #1d2330; --muted: #6b7280; --line: #e5e7eb; --row: #f8fafc; --accent: #2563eb;
  --ok: #15803d; --warn: #b45309; --bad: #b91c1c;
  box-sizing: border-box; height: 100%; display: flex; flex-direction: column; background: var(--bg); color: var(--fg);
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.panel.dark { --bg: #111318; --fg: #e5e7eb; --muted: #9ca3af; --line: #2a2f3a; --row: #171a21; --accent: #60a5fa;
  --ok: #4ade80; --warn: #fbbf24; --bad: #f87171; }
header, .toolbar, .timeline { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 6px 8px;
  border-bottom: 1px solid var(--line); }
.badge { padding: 1px 6px; border-radius: 8px; border: 1px solid currentColor; }
.badge.open { color: var(--ok); } .badge.connecting, .badge.reconnecting { color: var(--warn); } .badge.closed { color: var(--bad); }
.muted { color: var(--muted); }
.count b { font-weight: 600; }
.timeline { overflow-x: auto; flex-wrap: nowrap; white-space: nowrap; }
.chip { padding: 0 6px; border-left: 3px solid var(--muted); }
.chip.open { border-color: var(--ok); } .chip.reconnecting, .chip.connecting { border-color: var(--warn); } .chip.closed { border-color: var(--bad); }
input, select, button { font: inherit; color: inherit; background: var(--row); border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; }
button { cursor: pointer; }
.body { flex: 1; min-height: 0; display: flex; }
.list { flex: 1; min-width: 0; overflow: auto; }
table { border-collapse: collapse; width: 100%; }
th { position: sticky; top: 0; background: var(--bg); text-align: left; font-weight: 600; border-bottom: 1px solid var(--line); }
th, td { padding: 2px 6px; vertical-align: top; white-space: nowrap; }
td.did { white-space: normal; }
tr.event { cursor: pointer; }
tr.event:nth-child(even) { background: var(--row); }
tr.event.selected { outline: 1px solid var(--accent); }
tr.event.bookkeeping { color: var(--muted); }
.outcome { display: inline-block; margin-right: 8px; }
.outcome.refetched { color: var(--accent); } .outcome.held { color: var(--warn); } .outcome.patched { color: var(--ok); }
.outcome.marked-stale, .outcome.skipped-inactive { color: var(--muted); }
.detail { width: 40%; min-width: 220px; overflow: auto; border-left: 1px solid var(--line); padding: 6px 8px; }
.detail pre { white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
.legend { padding: 4px 8px; border-top: 1px solid var(--line); }
.legend summary { cursor: pointer; }
.floating-toggle { position: fixed; z-index: 2147483646; bottom: 12px; left: 12px; }
.floating-drawer { position: fixed; z-index: 2147483646; left: 0; right: 0; bottom: 0; height: 45vh;
  box-shadow: 0 -4px 16px rgba(0,0,0,.2); }
`

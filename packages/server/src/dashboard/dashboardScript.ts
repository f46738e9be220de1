/**
 * The dashboard page's script, run in the browser: polls `?samples=1` once per sample interval and
 * draws each plot as an SVG line chart over the window. Plain ES2020, no library, no build step. Text
 * from the server (tenant ids) is only ever set as text, never as markup.
 */
export const dashboardScript = `
'use strict'
const config = JSON.parse(document.getElementById('config').textContent)
const samples = []
let since = 0
let failures = 0
// The server's clock places the samples: a skewed browser clock must not shift the plots.
let offsetMs = 0
const byTenant = document.getElementById('by-tenant')
const palette = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9ca3af']
const NS = 'http://www.w3.org/2000/svg'
const el = (tag, attributes, text) => {
  const node = tag === 'svg' || ['polyline', 'line', 'text', 'rect'].includes(tag)
    ? document.createElementNS(NS, tag) : document.createElement(tag)
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value))
  if (text !== undefined) node.textContent = text
  return node
}
const rate = (pick) => (sample) => (sample.rates ? pick(sample.rates) : undefined)
const fixed = (value) => value === undefined ? '–' : Number.isInteger(value) || value >= 100 ? Math.round(value).toLocaleString('en-US') : value >= 10 ? value.toFixed(1) : value.toFixed(2)

const charts = [
  { id: 'connections', series: () => {
      if (!byTenant.checked) return [{ name: 'open streams', value: (s) => s.connections }, { name: 'opening', value: (s) => s.streams.opening }, { name: 'retiring', value: (s) => s.streams.retiring }]
      const names = new Set()
      for (const sample of samples) for (const name of Object.keys(sample.byTenant || {})) names.add(name)
      return [...names].map((name) => ({ name, value: (s) => (s.byTenant ? s.byTenant[name] || 0 : undefined) }))
    } },
  { id: 'frames', series: () => ['instant', 'batched', 'coalesced'].map((lane) => ({ name: lane, value: rate((r) => r.delivered[lane]) }))
      .concat([{ name: 'published (all lanes)', value: rate((r) => r.published.instant + r.published.batched + r.published.coalesced) }]) },
  { id: 'coalesced', series: () => [{ name: 'values replaced before their flush', value: rate((r) => r.coalesced) }] },
  { id: 'drops', series: () => [{ name: 'frames dropped', value: rate((r) => r.dropped) }, { name: 'resyncs sent', value: rate((r) => r.resyncs) }] },
  { id: 'flush', series: () => {
      const bands = new Set()
      for (const sample of samples) for (const band of Object.keys((sample.rates && sample.rates.flushesByIntervalMs) || {})) bands.add(band)
      return [...bands].sort((a, b) => a - b).map((band) => ({ name: band + ' ms', value: rate((r) => r.flushesByIntervalMs[band] || 0) }))
    } },
  { id: 'latency', series: () => [{ name: 'mean', value: (s) => s.publishLatencyMs && s.publishLatencyMs.mean },
      { name: 'p99 ≤', value: (s) => s.publishLatencyMs && (s.publishLatencyMs.p99 === null ? 1000 : s.publishLatencyMs.p99) }] },
  { id: 'engine', series: () => samples.some((s) => s.engine) ? [{ name: 'read lag (ms)', value: (s) => s.engine && s.engine.lagMs }] : [] },
]

function draw(chart, now) {
  const box = document.getElementById(chart.id)
  const plot = box.querySelector('.plot')
  const legend = box.querySelector('.legend')
  const series = chart.series()
  box.hidden = chart.id === 'engine' && series.length === 0
  const width = 560, height = 150, left = 40, bottom = 18
  // The axis spans what was sampled (at least a minute), up to the whole window.
  const start = Math.max(now - config.windowMs, Math.min(samples.length ? samples[0].at : now, now - 60000))
  const x = (at) => left + ((at - start) / (now - start)) * (width - left)
  let max = 0
  for (const line of series) for (const sample of samples) { const v = line.value(sample); if (v !== undefined && v > max) max = v }
  max = max <= 0 ? 1 : max * 1.15
  const y = (value) => (height - bottom) - (value / max) * (height - bottom - 6)
  const svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': box.querySelector('h2').textContent })
  svg.append(el('line', { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }))
  svg.append(el('text', { x: left - 4, y: 10, class: 'tick', 'text-anchor': 'end' }, fixed(max)))
  svg.append(el('text', { x: left - 4, y: height - bottom, class: 'tick', 'text-anchor': 'end' }, '0'))
  const span = Math.round((now - start) / 1000)
  svg.append(el('text', { x: left, y: height - 2, class: 'tick' }, span >= 120 ? '-' + Math.round(span / 60) + ' min' : '-' + span + ' s'))
  svg.append(el('text', { x: width, y: height - 2, class: 'tick', 'text-anchor': 'end' }, 'now'))
  legend.replaceChildren()
  series.forEach((line, index) => {
    const color = palette[index % palette.length]
    let points = []
    const flush = () => { if (points.length > 0) svg.append(el('polyline', { points: points.join(' '), stroke: color, class: 'line' })); points = [] }
    for (const sample of samples) {
      const value = line.value(sample)
      if (value === undefined) { flush(); continue }
      points.push(x(sample.at).toFixed(1) + ',' + y(value).toFixed(1))
    }
    flush()
    const latest = samples.length ? line.value(samples[samples.length - 1]) : undefined
    let peak
    for (const sample of samples) { const v = line.value(sample); if (v !== undefined && (peak === undefined || v > peak)) peak = v }
    const item = el('span', { class: 'item' })
    const text = line.name + ': ' + fixed(latest) + (peak !== undefined && peak !== latest ? ' (peak ' + fixed(peak) + ')' : '')
    item.append(el('i', { style: 'background:' + color }), document.createTextNode(text))
    legend.append(item)
  })
  plot.replaceChildren(svg)
}

function render() {
  const now = Date.now() + offsetMs
  const last = samples[samples.length - 1]
  document.getElementById('now').textContent = last
    ? last.connections + ' open streams · ' + (last.rates ? fixed(last.rates.delivered.instant + last.rates.delivered.batched + last.rates.delivered.coalesced) + ' frames/s' : 'measuring…')
      + (last.engine ? ' · engine ' + last.engine.engine + ' ' + last.engine.state : '')
    : 'waiting for the first sample…'
  for (const chart of charts) draw(chart, now)
}

async function poll() {
  try {
    const response = await fetch(location.pathname + '?samples=1&since=' + since + (byTenant.checked ? '&tenants=1' : ''), { cache: 'no-store', credentials: 'same-origin' })
    if (!response.ok) throw new Error('HTTP ' + response.status)
    const body = await response.json()
    offsetMs = body.now - Date.now()
    for (const sample of body.samples) { samples.push(sample); since = sample.at }
    const cutoff = body.now - config.windowMs
    while (samples.length && samples[0].at < cutoff) samples.shift()
    failures = 0
    document.getElementById('error').textContent = ''
  } catch (error) {
    failures += 1
    document.getElementById('error').textContent = 'Cannot read the hub (' + error.message + '): retrying.'
  }
  render()
  setTimeout(poll, Math.min(config.sampleIntervalMs * 2 ** Math.min(failures, 4), 30000))
}
byTenant.addEventListener('change', render)
poll()
`

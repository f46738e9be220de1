import { useQuery } from '@tanstack/react-query'
import { formatCount } from '../shared/format'
import type { PlaygroundStats } from '../shared/types'
import { useApi } from './ApiContext'

/**
 * `hub.stats()`, live. It is fetched when the server's `stats` signal says something changed (the
 * binder invalidates `['stats']` on it), never on a timer: an idle tab stays silent.
 */
export function StatsPanel() {
  const { api } = useApi()
  const stats = useQuery({ queryKey: ['stats'], queryFn: () => api<PlaygroundStats>('/events/stats') })
  const s = stats.data
  if (!s) return null
  const rows: Array<[string, string]> = [
    ['open connections', formatCount(s.connections)],
    [
      'frames delivered',
      `${formatCount(s.delivered.instant)} instant · ${formatCount(s.delivered.batched)} batched · ${formatCount(s.delivered.coalesced)} coalesced`,
    ],
    ['progress values coalesced away', formatCount(s.coalesced)],
    ['dropped · resyncs', `${formatCount(s.dropped)} · ${formatCount(s.resyncs)}`],
    [
      'flush interval now',
      s.flushIntervalsMs.length ? s.flushIntervalsMs.map((ms) => `${ms} ms`).join(', ') : '–',
    ],
  ]
  return (
    <section className="card">
      <h2>
        Hub stats <small>hub.stats()</small>
      </h2>
      <table className="stats" data-testid="stats">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

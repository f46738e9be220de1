import { useQuery } from '@tanstack/react-query'
import { TENANTS } from '../shared/session'
import { type StatsRow, statsRows } from '../shared/statsRows'
import type { PlaygroundStats } from '../shared/types'
import { useApi } from './ApiContext'

/**
 * What the hub did for this tenant, and for the server as a whole, live. It is fetched when the server's
 * `stats` signal says something changed (the binder invalidates `['stats']` on it), never on a timer:
 * an idle tab stays silent. Every line says what it means on hover.
 */
export function StatsPanel() {
  const { api, session } = useApi()
  const stats = useQuery({ queryKey: ['stats'], queryFn: () => api<PlaygroundStats>('/api/stats') })
  if (!stats.data) return null
  const rows = statsRows(stats.data)
  return (
    <section className="card">
      <h2>
        What the hub does <small>per tenant · whole server</small>
      </h2>
      <table className="stats" data-testid="stats">
        <tbody>
          <tr>
            <th colSpan={2}>{TENANTS[session.tenant]} (this tenant)</th>
          </tr>
          {rows.tenant.map(renderRow)}
          <tr>
            <th colSpan={2}>
              The whole server <a href="/admin/hub">live page →</a>
            </th>
          </tr>
          {rows.hub.map(renderRow)}
        </tbody>
      </table>
    </section>
  )
}

function renderRow({ label, value, help }: StatsRow) {
  return (
    <tr key={label} title={help}>
      <td>
        {label} <abbr title={help}>?</abbr>
      </td>
      <td>{value}</td>
    </tr>
  )
}

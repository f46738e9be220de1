import { switchTenant, TENANTS, type TenantId } from '../shared/session'
import { useApi } from './ApiContext'
import { StreamBadge } from './StreamBadge'

/** Title, connection badge, tenant picker, and what to try. */
export function Header({ framework }: { framework: string }) {
  const { session } = useApi()
  const other = framework === 'React' ? { href: '/vue', name: 'Vue' } : { href: '/', name: 'React' }

  return (
    <header>
      <div className="title">
        <h1>ssehub playground</h1>
        <StreamBadge />
        <label className="tenant">
          Tenant{' '}
          <select value={session.tenant} onChange={(e) => switchTenant(e.target.value as TenantId)}>
            {Object.entries(TENANTS).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <a href={`${other.href}?tenant=${session.tenant}`}>{other.name} page →</a>
        <a href="/admin/hub">The hub, live →</a>
      </div>
      <p className="try">
        Try it: open this page in a <b>second tab</b> and create an order — it shows up there at once, with no
        polling. Start an <b>import</b> and watch 10,000 progress calls arrive as a handful of frames. Switch
        a tab to the <b>other tenant</b>: it never hears about this one. Restart the server: the badge goes{' '}
        <i>reconnecting</i> (with the reason and when it retries), then <i>open</i>, and every list refetches
        (the data lives in memory, so it starts over). Open <b>TanStack Devtools</b> (the button at the
        bottom) and its <b>ssehub</b> tab to see every event and what it made this page refetch.
      </p>
    </header>
  )
}

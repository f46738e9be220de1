import { useEffect, useReducer, useSyncExternalStore } from 'react'
import { POLL_INTERVAL_MS } from '../shared/apiMeter'
import { describeAge, describeDecisions } from '../shared/format'
import { useApi } from './ApiContext'

/**
 * What this tab cost the API next to what 30 s polling of the same pages would have, and how old the
 * data on screen is. Re-read every second (a local timer: no request).
 */
export function MeterPanel() {
  const { meter } = useApi()
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [])
  useSyncExternalStore(
    meter.subscribe,
    () => meter.version,
    () => meter.version,
  )
  const reading = meter.read()
  return (
    <section className="card" data-testid="meter">
      <h2>
        This tab vs polling <small>requests and data age</small>
      </h2>
      <table className="stats">
        <tbody>
          <tr>
            <th>API requests this tab made</th>
            <td data-testid="meter-requests">{reading.requests}</td>
          </tr>
          <tr>
            <th>30 s polling of its pages would have made</th>
            <td data-testid="meter-polling">{reading.pollingRequests}</td>
          </tr>
          <tr>
            <th>oldest data on screen ({reading.pagesOnScreen} pages)</th>
            <td data-testid="meter-age">{describeAge(reading.oldestDataAgeMs)}</td>
          </tr>
          <tr>
            <th>binder decisions</th>
            <td>{describeDecisions(reading.decisions)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">
        Over {describeAge(Date.now() - reading.openedAt)}. Polling would refetch each page every{' '}
        {POLL_INTERVAL_MS / 1000} s whether it changed or not, and still show data up to that old; here a page
        is refetched (or patched) only when the stream says it changed, so old data is current data.
      </p>
    </section>
  )
}

import { useStreamStatus } from '@ssehub/react'
import { useEffect, useState } from 'react'
import { describeStream } from '../shared/describeStream'

/** The stream's status, and while it waits, why and how long (counting down each second). */
export function StreamBadge() {
  const { status, error, retry } = useStreamStatus()
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!retry) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [retry])
  const detail = describeStream(status, error, retry, now)
  return (
    <span className="stream-status">
      <span className={`badge ${status}`} data-testid="status">
        {status}
      </span>
      {detail ? (
        <small className="muted" data-testid="status-detail">
          {detail}
        </small>
      ) : null}
    </span>
  )
}

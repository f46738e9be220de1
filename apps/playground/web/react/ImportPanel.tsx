import { useEventStream, useProgress, useStreamListener } from '@ssehub/react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCount } from '../shared/format'
import { progressCalls, REJECTED_HELP } from '../shared/importCounts'
import type { ImportJob } from '../shared/types'
import { useApi } from './ApiContext'

/**
 * The CSV import: the server calls `hub.progress` once per row; this tab counts the progress frames
 * that actually arrive. The latest job comes from `/api/imports`, so a second tab follows it too.
 */
export function ImportPanel() {
  const { api } = useApi()
  const jobs = useQuery({ queryKey: ['imports'], queryFn: () => api<ImportJob[]>('/api/imports') })
  const start = useMutation({ mutationFn: () => api<ImportJob>('/api/imports', { method: 'POST' }) })
  const job = jobs.data?.[0]
  const progress = useProgress('imports', job?.id ?? '')
  const frames = useProgressFrames(job?.id)

  const pct = progress?.pct ?? (job?.status === 'completed' ? 100 : 0)
  const running = job?.status === 'running' && progress?.status !== 'completed'

  return (
    <section className="card">
      <h2>
        Import <small>hub.progress → coalesced lane</small>
      </h2>
      <p className="muted">
        The server calls <code>hub.progress</code> once per row. Progress goes on the <i>coalesced lane</i>:
        each connection keeps only the latest value and sends it at its next flush (every 500 ms here), so
        10,000 calls reach this tab as a handful of frames.
      </p>
      <div className="row">
        <button type="button" onClick={() => start.mutate()} disabled={running || start.isPending}>
          Import 10,000 customers (CSV)
        </button>
        {job ? <span className="muted">{job.id}</span> : null}
      </div>
      {start.error ? <p className="error">{start.error.message}</p> : null}
      {job ? (
        <>
          <div className="bar">
            <progress max={100} value={pct} data-testid="import-bar" />
            <b data-testid="import-pct">{pct}%</b>
          </div>
          <p className="counters">
            <span data-testid="progress-calls">{formatCount(progressCalls(job, progress?.current))}</span>{' '}
            progress calls on the server / <span data-testid="frames-received">{frames}</span> frames received
          </p>
          {job.status !== 'running' ? (
            <p className="counters" data-testid="import-result">
              {formatCount(job.accepted)} rows imported, {formatCount(job.rejected)} rejected{' '}
              <span className="muted">{REJECTED_HELP}</span>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}

/** How many `progress` frames about import `id` this tab received. */
function useProgressFrames(id: string | undefined): number {
  const stream = useEventStream()
  const [counts, setCounts] = useState<Record<string, number>>({})
  useStreamListener(stream, 'progress', (data) => {
    if (data.resource === 'imports') setCounts((all) => ({ ...all, [data.id]: (all[data.id] ?? 0) + 1 }))
  })
  return id === undefined ? 0 : (counts[id] ?? 0)
}

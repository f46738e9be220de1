import { formatCount } from './format'
import type { PlaygroundStats } from './types'

/** One line of the stats panel: a label, a value, and what it means for someone new to it. */
export interface StatsRow {
  label: string
  value: string
  help: string
}

/** The stats panel's lines: this tenant in detail, then the whole hub. Shared by the React and Vue pages. */
export function statsRows({ tenant, hub }: PlaygroundStats): { tenant: StatsRow[]; hub: StatsRow[] } {
  const intervals = tenant.flushIntervalsMs.map((ms) => `${ms} ms`).join(', ') || '–'
  return {
    tenant: [
      {
        label: 'open streams',
        value: formatCount(tenant.connections),
        help: 'Connections of this tenant: one per browser, since its tabs share one.',
      },
      {
        label: 'frames sent, by lane',
        value: `${formatCount(tenant.delivered.instant)} instant · ${formatCount(tenant.delivered.batched)} batched · ${formatCount(tenant.delivered.coalesced)} coalesced`,
        help: 'instant frames (invalidations) go out at once; coalesced ones (import progress) wait for the next flush and keep only the latest value.',
      },
      {
        label: 'flush interval now',
        value: intervals,
        help: 'How often held frames are sent to these streams: 500 ms while their sockets keep up, longer (up to 8 s) when they fall behind.',
      },
      {
        label: 'dropped',
        value: formatCount(tenant.dropped),
        help: 'Frames a too-slow stream could not take; it then gets a resync and refetches. 0 is normal.',
      },
    ],
    hub: [
      {
        label: 'open streams, all tenants',
        value: formatCount(hub.connections),
        help: 'Every connection of the server.',
      },
      {
        label: 'progress values coalesced away',
        value: formatCount(hub.coalesced),
        help: 'Progress values replaced by a newer one before they were sent: work the network never saw.',
      },
      {
        label: 'dropped · resyncs',
        value: `${formatCount(hub.dropped)} · ${formatCount(hub.resyncs)}`,
        help: 'A resync tells a client it may have missed events: it refetches everything it shows.',
      },
    ],
  }
}

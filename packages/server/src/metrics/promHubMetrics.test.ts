import * as prom from 'prom-client'
import { describe, expect, it } from 'vitest'
import { HubError } from '../HubError'
import { parseExposition } from './parseExposition.testing'
import { type PromHubMetricsOptions, promHubMetrics } from './promHubMetrics'

async function scrape(registry: { metrics(): Promise<string> }) {
  return parseExposition(await registry.metrics())
}

describe('promHubMetrics', () => {
  it('exposes every metric, typed, at zero, in valid Prometheus text', async () => {
    const { registry } = promHubMetrics(prom)
    const { types, samples } = await scrape(registry)
    expect(Object.fromEntries(types)).toEqual({
      ssehub_connections: 'gauge',
      ssehub_events_published_total: 'counter',
      ssehub_events_delivered_total: 'counter',
      ssehub_events_coalesced_total: 'counter',
      ssehub_events_dropped_total: 'counter',
      ssehub_resyncs_total: 'counter',
      ssehub_events_replayed_total: 'counter',
      ssehub_auth_failures_total: 'counter',
      ssehub_flush_interval_seconds: 'histogram',
      ssehub_buffer_utilization_ratio: 'histogram',
      ssehub_publish_duration_seconds: 'histogram',
    })
    expect(samples.get('ssehub_connections')).toBe(0)
    expect(samples.get('ssehub_events_published_total{lane="batched"}')).toBe(0)
    expect(samples.get('ssehub_resyncs_total{reason="replay-gap"}')).toBe(0)
    expect(samples.get('ssehub_events_dropped_total{lane="instant",reason="overflow"}')).toBe(0)
  })

  it('counts exactly what was recorded', async () => {
    const metrics = promHubMetrics(prom)
    metrics.connectionOpened()
    metrics.connectionOpened()
    metrics.connectionOpened()
    metrics.connectionClosed()
    metrics.published('instant')
    metrics.published('instant')
    metrics.published('coalesced')
    metrics.delivered('instant', 500)
    metrics.delivered('batched')
    metrics.coalesced('coalesced', 7)
    metrics.dropped('batched', 'overflow', 3)
    metrics.dropped('instant', 'expired')
    metrics.resync('overflow')
    metrics.resync('epoch')
    metrics.resync('epoch')
    metrics.replayed(42)
    metrics.authFailure('token_expired')
    metrics.authFailure('token_expired')
    metrics.authFailure('invalid_ticket')
    const { samples } = await scrape(metrics.registry)
    expect(
      Object.fromEntries(
        [...samples].filter(([key, value]) => value !== 0 && !/_bucket|_sum|_count/.test(key)),
      ),
    ).toEqual({
      ssehub_connections: 2,
      'ssehub_events_published_total{lane="instant"}': 2,
      'ssehub_events_published_total{lane="coalesced"}': 1,
      'ssehub_events_delivered_total{lane="instant"}': 500,
      'ssehub_events_delivered_total{lane="batched"}': 1,
      'ssehub_events_coalesced_total{lane="coalesced"}': 7,
      'ssehub_events_dropped_total{lane="batched",reason="overflow"}': 3,
      'ssehub_events_dropped_total{lane="instant",reason="expired"}': 1,
      'ssehub_resyncs_total{reason="overflow"}': 1,
      'ssehub_resyncs_total{reason="epoch"}': 2,
      ssehub_events_replayed_total: 42,
      'ssehub_auth_failures_total{reason="token_expired"}': 2,
      'ssehub_auth_failures_total{reason="invalid_ticket"}': 1,
    })
  })

  it('puts flushes in the bands of the adaptive interval, in seconds', async () => {
    const metrics = promHubMetrics(prom)
    // One flush per band, each a little late, as a timer wheel delivers them: 500 ms, 2 s, 4 s, 8 s.
    for (const intervalMs of [510, 2_020, 4_010, 8_040]) metrics.observeFlush(intervalMs, 0.3)
    const { samples } = await scrape(metrics.registry)
    const bucket = (le: string) => samples.get(`ssehub_flush_interval_seconds_bucket{le="${le}"}`)
    expect([bucket('0.5'), bucket('1'), bucket('3'), bucket('6'), bucket('12'), bucket('+Inf')]).toEqual([
      0, 1, 2, 3, 4, 4,
    ])
    expect(samples.get('ssehub_flush_interval_seconds_count')).toBe(4)
    expect(samples.get('ssehub_flush_interval_seconds_sum')).toBeCloseTo(14.58)
    expect(samples.get('ssehub_buffer_utilization_ratio_bucket{le="0.25"}')).toBe(0)
    expect(samples.get('ssehub_buffer_utilization_ratio_bucket{le="0.5"}')).toBe(4)
  })

  it('scales the flush buckets with flushIntervalMs', async () => {
    const { registry } = promHubMetrics(prom, { flushIntervalMs: 1000 })
    const { samples } = await scrape(registry)
    const bounds = [...samples.keys()].filter((key) => key.startsWith('ssehub_flush_interval_seconds_bucket'))
    expect(bounds.map((key) => /le="([^"]+)"/.exec(key)![1])).toEqual([
      '0.25',
      '0.5',
      '1',
      '1.5',
      '2',
      '3',
      '4',
      '6',
      '+Inf',
    ])
  })

  it('observes publish latency', async () => {
    const metrics = promHubMetrics(prom)
    metrics.observePublish(0.0003)
    metrics.observePublish(0.002)
    const { samples } = await scrape(metrics.registry)
    expect(samples.get('ssehub_publish_duration_seconds_bucket{le="0.0005"}')).toBe(1)
    expect(samples.get('ssehub_publish_duration_seconds_count')).toBe(2)
  })

  it('ignores values that would corrupt a metric instead of throwing on the hot path', async () => {
    const metrics = promHubMetrics(prom)
    metrics.delivered('instant', -1)
    metrics.delivered('instant', Number.NaN)
    metrics.observeFlush(Number.NaN, Number.POSITIVE_INFINITY)
    metrics.observePublish(-1)
    const { samples } = await scrape(metrics.registry)
    expect(samples.get('ssehub_events_delivered_total{lane="instant"}')).toBe(0)
    expect(samples.get('ssehub_flush_interval_seconds_count')).toBe(0)
    expect(samples.get('ssehub_buffer_utilization_ratio_count')).toBe(0)
    expect(samples.get('ssehub_publish_duration_seconds_count')).toBe(0)
  })

  it('registers on the given registry with the given prefix, beside other metrics', async () => {
    const registry = new prom.Registry()
    new prom.Counter({ name: 'app_requests_total', help: 'App requests.', registers: [registry] })
    promHubMetrics(prom, { registry, prefix: 'edge_' }).connectionOpened()
    const { samples } = await scrape(registry)
    expect(samples.get('edge_connections')).toBe(1)
    expect(samples.get('app_requests_total')).toBe(0)
  })

  it.each<[string, PromHubMetricsOptions | (() => PromHubMetricsOptions), string]>([
    [
      'a prefix with a dash',
      { prefix: 'ss-hub_' },
      'prefix "ss-hub_" is not a valid Prometheus metric name prefix',
    ],
    [
      'a prefix starting with a digit',
      { prefix: '1x_' },
      'prefix "1x_" is not a valid Prometheus metric name prefix',
    ],
    ['a zero flush interval', { flushIntervalMs: 0 }, 'flushIntervalMs must be positive'],
    [
      'a registry that already has the metrics',
      () => ({ registry: promHubMetrics(prom).registry }),
      'the registry already has "ssehub_connections": give each hub its own registry or prefix',
    ],
  ])('refuses %s', (_name, options, message) => {
    const resolved = typeof options === 'function' ? options() : options
    expect(() => promHubMetrics(prom, resolved)).toThrow(
      new HubError('invalid_option', `metrics: ${message}`, { status: 500 }),
    )
  })

  it('lets two hubs share a registry under different prefixes', async () => {
    const registry = new prom.Registry()
    promHubMetrics(prom, { registry, prefix: 'a_' })
    promHubMetrics(prom, { registry, prefix: 'b_' })
    const { types } = await scrape(registry)
    expect(types.has('a_connections') && types.has('b_connections')).toBe(true)
  })
})

describe('parseExposition (the strict checker these tests rely on)', () => {
  it.each([
    ['no final newline', '# TYPE a counter\na 1'],
    ['a sample before its TYPE', 'a 1\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a bad value', '# TYPE a counter\na one\n'],
    ['an unquoted label', '# TYPE a counter\na{x=1} 1\n'],
    ['a bad metric name', '# TYPE a-b counter\na-b 1\n'],
    ['a repeated sample', '# TYPE a counter\na 1\na 2\n'],
    ['a repeated TYPE', '# TYPE a counter\n# TYPE a counter\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseExposition(text)).toThrow('not valid Prometheus text')
  })

  it('reads histograms, escapes and special values', () => {
    const { samples } = parseExposition(
      '# HELP h Help.\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1.5e-3\nh_count 2\n# TYPE g gauge\ng{p="a\\"b"} NaN\n',
    )
    expect(samples.get('h_bucket{le="+Inf"}')).toBe(2)
    expect(samples.get('h_sum')).toBe(0.0015)
    expect(samples.get('g{p="a\\"b"}')).toBeNaN()
  })
})

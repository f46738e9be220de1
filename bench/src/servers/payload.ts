/**
 * The one event every server under test sends: an `invalidate` frame whose data carries the publish time,
 * so the load generator can measure delivery latency without parsing JSON. Every server writes the same
 * bytes per frame (give or take the id), which keeps the comparison about fan-out, not payload size.
 */

/** Milliseconds on a clock every process on this machine shares, with sub-millisecond precision. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now()
}

/** The invalidation ssehub would send for order `seq`, stamped with `publishedAtMs`. */
export function invalidation(seq: number, publishedAtMs: number) {
  return { resource: 'orders', id: `ord_${seq}`, action: 'updated', hint: { t: publishedAtMs } }
}

/** The SSE frame the other servers write for the same event. */
export function invalidationFrame(seq: number, publishedAtMs: number): string {
  return `id: ${seq}\nevent: invalidate\ndata: ${JSON.stringify(invalidation(seq, publishedAtMs))}\n\n`
}

/** What precedes the publish time in every frame: the load generator searches for it. */
export const TIMESTAMP_MARKER = '"t":'

/**
 * The adaptive flush interval of DESIGN §2: the fuller a connection's outbound buffer, the less often
 * it is flushed, so a slow reader gets fewer, fuller frames and a fast one gets them quickly.
 *
 * | utilization | interval |
 * |---|---|
 * | < 10 % | base / 4 |
 * | 10–50 % | base |
 * | 50–80 % | 2 × base |
 * | > 80 % | 4 × base |
 */
export function flushIntervalFor(utilization: number, baseMs: number): number {
  if (utilization < 0.1) return baseMs / 4
  if (utilization < 0.5) return baseMs
  if (utilization <= 0.8) return baseMs * 2
  return baseMs * 4
}

/** Per-frame delivery latencies, kept whole (a burst is at most a few hundred thousand frames) for exact percentiles. */
export class LatencyRecorder {
  #values: Float64Array
  #count = 0
  firstPublishedAtMs = Number.POSITIVE_INFINITY
  lastReceivedAtMs = 0

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity)
  }

  get count(): number {
    return this.#count
  }

  record(publishedAtMs: number, receivedAtMs: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2)
      grown.set(this.#values)
      this.#values = grown
    }
    this.#values[this.#count++] = receivedAtMs - publishedAtMs
    if (publishedAtMs < this.firstPublishedAtMs) this.firstPublishedAtMs = publishedAtMs
    if (receivedAtMs > this.lastReceivedAtMs) this.lastReceivedAtMs = receivedAtMs
  }

  /** p50, p99 and max in ms, and frames per second from the first publish to the last delivery. */
  summary(): { p50Ms: number; p99Ms: number; maxMs: number; framesPerSec: number } {
    const sorted = this.#values.slice(0, this.#count).sort()
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
    const spanSec = (this.lastReceivedAtMs - this.firstPublishedAtMs) / 1000
    return {
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      framesPerSec: this.#count / spanSec,
    }
  }
}

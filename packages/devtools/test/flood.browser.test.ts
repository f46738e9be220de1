import { describe, expect, it } from 'vitest'
import { chromiumPath, hasChromium } from '../../../testing/chromium'
import { runFlood } from './flood'

if (!hasChromium) console.warn(`flood test skipped: ${chromiumPath} not found (apt-get install chromium)`)

describe.skipIf(!hasChromium)(`a hostile stream into the panel, in Chromium (${chromiumPath})`, () => {
  it('counts every event of 10,000/s with 1 MB payloads, keeps its rows and memory bounded, and answers a click mid-flood', async () => {
    const result = await runFlood({ durationMs: 2000 })
    expect(result.sent).toBeGreaterThan(5000)
    // Every invalidation, and the flood-end event.
    expect(result.counted).toBe(result.sent + 1)
    expect(result.rowsKept).toBeLessThanOrEqual(600)
    // The click was handled while the flood went on (a number, not -1); how fast is for `pnpm flood`.
    expect(result.pauseClickMs).toBeGreaterThanOrEqual(0)
    // Tens of MB of payload went through; the page keeps a small part of it.
    expect(result.heapMB).toBeLessThan(200)
  }, 60_000)
})

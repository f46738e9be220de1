import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleShutdown } from './handleShutdown'

let release: (() => void) | undefined
afterEach(() => {
  release?.()
  vi.useRealTimers()
})

describe('handleShutdown', () => {
  it('drains once for the two or three copies of one Ctrl-C, exits 0 when done, and stops at once on a later Ctrl-C', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    let finish!: () => void
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const exit = vi.fn()
    release = handleShutdown(shutdown, { log: () => {}, exit })
    process.emit('SIGINT')
    process.emit('SIGINT')
    process.emit('SIGTERM')
    expect(shutdown).toHaveBeenCalledTimes(1)
    expect(exit).not.toHaveBeenCalled()
    finish()
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))

    vi.setSystemTime(Date.now() + 1500)
    process.emit('SIGINT')
    expect(exit).toHaveBeenLastCalledWith(130)
    expect(shutdown).toHaveBeenCalledTimes(1)
  })
})

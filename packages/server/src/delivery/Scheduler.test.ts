import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTask, Scheduler } from './Scheduler'

describe('Scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }))
  afterEach(() => vi.useRealTimers())

  it('runs tasks at their due time, in order, with one timer', () => {
    const scheduler = new Scheduler({ tickMs: 10 })
    const ran: string[] = []
    scheduler.schedule(
      createTask(() => ran.push('b')),
      200,
    )
    scheduler.schedule(
      createTask(() => ran.push('a')),
      100,
    )
    scheduler.schedule(
      createTask(() => ran.push('c')),
      205,
    )
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(99)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(1)
    expect(ran).toEqual(['a'])
    vi.advanceTimersByTime(110)
    expect(ran).toEqual(['a', 'b', 'c'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('moves a rescheduled task and holds no timer once everything is cancelled', () => {
    const scheduler = new Scheduler({ tickMs: 10 })
    const run = vi.fn()
    const task = createTask(run)
    scheduler.schedule(task, 100)
    scheduler.schedule(task, 300)
    expect(scheduler.size).toBe(1)
    vi.advanceTimersByTime(200)
    expect(run).not.toHaveBeenCalled()
    scheduler.cancel(task)
    expect(scheduler.armed).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    scheduler.cancel(task)
  })

  it('lets a task reschedule itself and keeps running others when one throws', () => {
    const errors = vi.fn()
    const scheduler = new Scheduler({
      tickMs: 10,
      logger: { error: errors, warn() {}, info() {}, debug() {} },
    })
    let runs = 0
    const repeating = createTask((now) => {
      runs += 1
      if (runs < 3) scheduler.schedule(repeating, now + 50)
    })
    const other = vi.fn()
    scheduler.schedule(
      createTask(() => {
        throw new Error('boom')
      }),
      50,
    )
    scheduler.schedule(createTask(other), 50)
    scheduler.schedule(repeating, 50)
    vi.advanceTimersByTime(1000)
    expect(runs).toBe(3)
    expect(other).toHaveBeenCalledOnce()
    expect(errors).toHaveBeenCalledOnce()
    expect(scheduler.size).toBe(0)
  })

  it('does not run a task that an earlier task of its slot cancelled, moved, or cleared away', () => {
    const scheduler = new Scheduler({ tickMs: 10 })
    const ran: string[] = []
    const cancelled = createTask(() => ran.push('cancelled'))
    const moved = createTask(() => ran.push('moved'))
    const first = createTask((now) => {
      ran.push('first')
      // A stream ended by its first task cancels its others (a retirement ends it, its heartbeat is cancelled).
      scheduler.cancel(cancelled)
      scheduler.schedule(moved, now + 100)
    })
    scheduler.schedule(first, 50)
    scheduler.schedule(cancelled, 50)
    scheduler.schedule(moved, 50)
    vi.advanceTimersByTime(60)
    expect(ran).toEqual(['first'])
    expect(scheduler.size).toBe(1)
    vi.advanceTimersByTime(100)
    expect(ran).toEqual(['first', 'moved'])

    // A hook that closes the hub from inside a task: the rest of the slot is gone with the rest.
    const closing = createTask(() => {
      ran.push('closing')
      scheduler.clear()
    })
    scheduler.schedule(closing, 300)
    scheduler.schedule(cancelled, 300)
    vi.advanceTimersByTime(200)
    expect(ran).toEqual(['first', 'moved', 'closing'])
    expect(scheduler.size).toBe(0)
    expect(scheduler.armed).toBe(false)
  })

  it('keeps time on a monotonic clock: a system clock stepped back a minute delays nothing', async () => {
    vi.useRealTimers()
    const scheduler = new Scheduler()
    const ran: number[] = []
    const wallNow = Date.now()
    const stepped = vi.spyOn(Date, 'now').mockImplementation(() => wallNow - 60_000)
    try {
      const started = performance.now()
      scheduler.schedule(
        createTask((now) => ran.push(now - started)),
        scheduler.now() + 50,
      )
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(ran).toHaveLength(1)
      expect(ran[0]).toBeGreaterThanOrEqual(50)
    } finally {
      stepped.mockRestore()
      scheduler.clear()
    }
  })
})

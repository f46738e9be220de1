import { consoleLogger, type Logger } from '../Logger'

/** Something the scheduler runs once at its due time. */
export interface ScheduledTask {
  run(now: number): void
  /** @internal the slot the task waits in, or -1. Owned by the scheduler. */
  slot: number
}

/** A task object to hand to `Scheduler.schedule`. */
export function createTask(run: (now: number) => void): ScheduledTask {
  return { run, slot: -1 }
}

export interface SchedulerOptions {
  /** Width of a slot of the wheel. @default 10 */
  tickMs?: number
  /** @default () => performance.now() */
  now?: MonotonicClock
  /** Told when a task throws (the others of its slot still run). @default consoleLogger */
  logger?: Logger
}

/** A monotonic clock in milliseconds: `performance.now()`, which a step of the system clock never moves. */
export type MonotonicClock = () => number

const monotonicNow: MonotonicClock = () => performance.now()

/**
 * The hub-wide timer wheel: tasks wait in slots of `tickMs` and a single timer is armed for the
 * earliest non-empty slot — none at all when nothing waits, so an idle hub holds no timer.
 * Scheduling and cancelling are O(1); thousands of connections cost one timer. Due times are on a
 * monotonic clock (`now()`), so a system clock stepped back or forward delays or hurries nothing.
 */
export class Scheduler {
  readonly #tickMs: number
  readonly #slots = new Map<number, Set<ScheduledTask>>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #armedSlot = Number.POSITIVE_INFINITY
  /** The scheduler's clock: what every due time is measured on. */
  readonly now: MonotonicClock
  readonly #logger: Logger

  constructor({ tickMs = 10, now = monotonicNow, logger = consoleLogger }: SchedulerOptions = {}) {
    this.#tickMs = tickMs
    this.now = now
    this.#logger = logger
  }

  /** Runs `task` at `dueAt` (ms on `now()`), rounded up to the tick; re-scheduling moves it. */
  schedule(task: ScheduledTask, dueAt: number): void {
    const slot = Math.ceil(dueAt / this.#tickMs)
    if (task.slot === slot) return
    this.cancel(task)
    let tasks = this.#slots.get(slot)
    if (!tasks) {
      tasks = new Set()
      this.#slots.set(slot, tasks)
    }
    tasks.add(task)
    task.slot = slot
    if (slot < this.#armedSlot) this.#arm(slot)
  }

  /** Removes `task` if it is waiting. */
  cancel(task: ScheduledTask): void {
    const slot = task.slot
    if (slot === -1) return
    task.slot = -1
    const tasks = this.#slots.get(slot)
    if (!tasks) return
    tasks.delete(task)
    if (tasks.size === 0) this.#slots.delete(slot)
    if (this.#slots.size === 0) this.#disarm()
  }

  /** Whether `task` is waiting to run. */
  isScheduled(task: ScheduledTask): boolean {
    return task.slot !== -1
  }

  /** Tasks waiting (for stats and leak checks). */
  get size(): number {
    let count = 0
    for (const tasks of this.#slots.values()) count += tasks.size
    return count
  }

  /** Whether a timer is armed (for leak checks). */
  get armed(): boolean {
    return this.#timer !== undefined
  }

  /** Drops every task and the timer. */
  clear(): void {
    for (const tasks of this.#slots.values()) {
      for (const task of tasks) task.slot = -1
      tasks.clear()
    }
    this.#slots.clear()
    this.#disarm()
  }

  #arm(slot: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#armedSlot = slot
    const delayMs = Math.max(0, slot * this.#tickMs - this.now())
    this.#timer = setTimeout(() => this.#fire(), delayMs)
    // An SSE server is kept alive by its sockets; this timer alone should not keep a process running.
    if (typeof this.#timer === 'object' && 'unref' in this.#timer) this.#timer.unref()
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#armedSlot = Number.POSITIVE_INFINITY
  }

  #fire(): void {
    this.#timer = undefined
    this.#armedSlot = Number.POSITIVE_INFINITY
    const now = this.now()
    const current = Math.floor(now / this.#tickMs)
    const due = [...this.#slots.keys()].filter((slot) => slot <= current).sort((a, b) => a - b)
    for (const slot of due) {
      const tasks = this.#slots.get(slot)
      if (!tasks) continue
      // The slot stays in place while its tasks run, so that one cancelling (or moving) another of them
      // takes it out of this run; tasks scheduled into it meanwhile wait for the next timer.
      for (const task of [...tasks]) {
        if (!tasks.delete(task)) continue
        task.slot = -1
        try {
          task.run(now)
        } catch (error) {
          // One task's failure must not starve the others that share its slot.
          this.#logger.error({ err: error }, '[ssehub] a scheduled task failed')
        }
      }
      if (tasks.size === 0 && this.#slots.get(slot) === tasks) this.#slots.delete(slot)
    }
    let next = Number.POSITIVE_INFINITY
    for (const slot of this.#slots.keys()) if (slot < next) next = slot
    if (next !== Number.POSITIVE_INFINITY && next < this.#armedSlot) this.#arm(next)
  }
}

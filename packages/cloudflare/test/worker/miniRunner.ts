import type { TestApi } from '@ssehub/server/testing'

/** What one conformance test did inside workerd. */
export interface TestOutcome {
  name: string
  status: 'passed' | 'failed' | 'skipped'
  error?: string
  ms: number
}

type Body = () => Promise<void> | void

/**
 * The smallest test runner the engine conformance suite needs (`describe`, `it`, `it.skip`, `beforeEach`,
 * `afterEach`), so that the suite runs inside a Durable Object, next to the storage it tests; vitest
 * cannot run there. Tests run one at a time, each within its timeout, hooks around each.
 */
export function miniRunner(): { api: TestApi; run(): Promise<TestOutcome[]> } {
  const path: string[] = []
  const tests: { name: string; body: Body; timeoutMs: number; skip: boolean }[] = []
  const before: Body[] = []
  const after: Body[] = []
  const named = (name: string) => [...path, name].join(' > ')
  const it = Object.assign(
    (name: string, body: Body, timeoutMs = 60_000) => {
      tests.push({ name: named(name), body, timeoutMs, skip: false })
    },
    {
      skip: (name: string, body: Body) => {
        tests.push({ name: named(name), body, timeoutMs: 0, skip: true })
      },
    },
  )
  const api: TestApi = {
    describe(name, body) {
      path.push(name)
      try {
        body()
      } finally {
        path.pop()
      }
    },
    it,
    beforeEach: (body) => void before.push(body),
    afterEach: (body) => void after.push(body),
  }

  async function run(): Promise<TestOutcome[]> {
    const outcomes: TestOutcome[] = []
    for (const test of tests) {
      if (test.skip) {
        outcomes.push({ name: test.name, status: 'skipped', ms: 0 })
        continue
      }
      const started = Date.now()
      let error: unknown
      try {
        for (const hook of before) await hook()
        await withTimeout(Promise.resolve(test.body()), test.timeoutMs, test.name)
      } catch (caught) {
        error = caught
      } finally {
        for (const hook of after) {
          try {
            await hook()
          } catch (caught) {
            error ??= caught
          }
        }
      }
      outcomes.push({
        name: test.name,
        status: error === undefined ? 'passed' : 'failed',
        error: error === undefined ? undefined : String((error as Error).stack ?? error),
        ms: Date.now() - started,
      })
    }
    return outcomes
  }
  return { api, run }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: timed out after ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

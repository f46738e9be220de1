import type { EngineHarness, EngineNode, TestApi } from '../EngineHarness'

/** What each group of conformance tests registers with. */
export interface SuiteContext {
  harness: EngineHarness
  /** Registers a test; one that needs a fault the harness lacks is skipped, saying so. */
  test(name: string, body: () => Promise<void>, needs?: Fault): void
  /** Starts a node for the current test (closed after it) and waits until it is ready. */
  node(): Promise<EngineNode>
  /** Two nodes of one stream: on a single-node engine, the same node twice. */
  pair(): Promise<[EngineNode, EngineNode]>
}

export type Fault = 'stall' | 'cut' | 'outage' | 'wipe' | 'ticketQuota'

/** Generous: real servers on a loaded two-core machine. */
const TEST_TIMEOUT_MS = 60_000

export function createSuiteContext(api: TestApi, harness: EngineHarness): SuiteContext {
  let started: EngineNode[] = []

  api.beforeEach(async () => {
    await harness.reset?.()
  }, TEST_TIMEOUT_MS)
  api.afterEach(async () => {
    const nodes = started
    started = []
    for (const node of nodes) await node.close()
  }, TEST_TIMEOUT_MS)

  async function node(): Promise<EngineNode> {
    const created = await harness.createNode()
    started.push(created)
    await created.ready
    return created
  }

  return {
    harness,
    test(name, body, needs) {
      if (needs === undefined || harness[needs] !== undefined) {
        api.it(name, body, TEST_TIMEOUT_MS)
        return
      }
      // Without `it.skip` the test is left out: never a passing test that checked nothing.
      api.it.skip?.(`${name} (skipped: the ${harness.name} harness has no ${needs})`, body)
    },
    node,
    async pair() {
      const a = await node()
      return [a, harness.multiNode ? await node() : a]
    },
  }
}

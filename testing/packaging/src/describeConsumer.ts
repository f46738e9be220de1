import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { type ConsumerProject, installConsumer, type Scenario } from './consumerProject'
import { workDir } from './globalSetup'

/** What a scenario runs once it type-checks. */
export interface ConsumerChecks {
  /** The status `/metrics` answers: 200 with prom-client installed, 501 without. */
  metricsStatus: 200 | 501
  /** Run the hub on @hono/node-server over a real socket. */
  nodeServer: boolean
  /** Consumer modules rendered on the server (`run-render`). */
  render: readonly string[]
}

/**
 * The tests of one scenario: install the tarballs into an empty npm project, type-check its modules with
 * `skipLibCheck: false` under moduleResolution Node16 and Bundler (and the browser ones without Node's
 * types), then run them.
 */
export function describeConsumer(scenario: Scenario, checks: ConsumerChecks): void {
  describe.sequential(`an npm project with ${scenario.name} peers`, () => {
    let project: ConsumerProject

    beforeAll(async () => {
      project = await installConsumer(scenario, inject('tarballs'), join(workDir, 'consumers'))
      const installed = Object.keys(scenario.dependencies).map((name) => `${name}@${project.versionOf(name)}`)
      console.info(`${scenario.name}: ${installed.join(' ')}`)
    }, 600_000)

    it('type-checks under moduleResolution node16', async () => {
      await project.typecheck('node16')
    })

    it.runIf(scenario.bundler)('type-checks under moduleResolution bundler', async () => {
      await project.typecheck('bundler')
    })

    it.runIf(scenario.browserModules.length > 0)(
      'type-checks the browser modules without Node types',
      async () => {
        await project.typecheck('browser')
      },
    )

    it(`delivers an invalidation to a client through the Hono app; /metrics answers ${checks.metricsStatus}`, async () => {
      const { output } = await project.runNode('run-in-process', [String(checks.metricsStatus)])
      expect(output).toContain('in-process: ok')
    })

    it.runIf(checks.nodeServer)(
      'delivers an invalidation over a real socket on @hono/node-server',
      async () => {
        const { output } = await project.runNode('run-node-server')
        expect(output).toContain('node-server: ok')
      },
    )

    it(`renders ${checks.render.join(', ')} on the server`, async () => {
      const { output } = await project.runNode('run-render', checks.render)
      for (const name of checks.render) expect(output).toContain(`${name}: ok`)
    })
  })
}

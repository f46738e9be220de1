import * as prom from 'prom-client'
import { describe, expectTypeOf, it } from 'vitest'
import type { HubOptions } from '../HubOptions'
import type { PromClient, PromRegistry } from './PromClient'

describe('PromClient', () => {
  it('is what prom-client is, so the published types need no prom-client and still check it', () => {
    expectTypeOf(prom).toExtend<PromClient>()
    expectTypeOf<prom.Registry>().toExtend<PromRegistry>()
    expectTypeOf<prom.Registry<prom.OpenMetricsContentType>>().toExtend<PromRegistry>()
  })

  it('takes a prom-client registry and module as the metrics options, and nothing else', () => {
    const options: HubOptions = { metrics: { registry: new prom.Registry(), promClient: prom } }
    void options
    // @ts-expect-error not a registry
    const notRegistry: HubOptions = { metrics: { registry: prom.register.metrics } }
    // @ts-expect-error not the module
    const notModule: HubOptions = { metrics: { promClient: { Registry: prom.Registry } } }
    void [notRegistry, notModule]
  })
})

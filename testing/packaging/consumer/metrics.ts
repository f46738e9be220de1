// With prom-client installed, the metrics options are its types, not `any`.
import { createHub } from '@ssehub/server'
import * as prom from 'prom-client'

export const registry = new prom.Registry()
export const hub = createHub({ metrics: { registry, promClient: prom } })

// @ts-expect-error a string is not a registry: were the option `any`, this line would be an unused directive
createHub({ metrics: { registry: 'default' } })

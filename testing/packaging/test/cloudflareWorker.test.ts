import { join } from 'node:path'
import { describe, inject, it } from 'vitest'
import { installConsumer } from '../src/consumerProject'
import { workDir } from '../src/globalSetup'
import { cloudflareWorker } from '../src/scenarios'

describe('an npm project for a Cloudflare Worker', () => {
  it('type-checks with the Workers types under moduleResolution bundler (skipLibCheck: false)', async () => {
    const project = await installConsumer(cloudflareWorker, inject('tarballs'), join(workDir, 'consumers'))
    await project.typecheck('bundler')
  }, 600_000)
})

// Takes the screenshots in the READMEs: the devtools panel on the React page (inside TanStack Devtools)
// and on the Vue page (mounted on its own), and the hub's live page with tabs open and traffic flowing.
// Run: pnpm --filter @ssehub/playground screenshots   (builds the pages; needs /usr/bin/chromium)
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../testing/chromium'
import { createOrderThroughForm, waitForStatus } from '../test/support/pages'
import { startPlayground } from '../test/support/startPlayground'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const outputs = {
  react: `${repo}packages/devtools/docs/panel-react.png`,
  vue: `${repo}packages/devtools/docs/panel-vue.png`,
  dashboard: `${repo}packages/server/docs/dashboard.png`,
}

const server = await startPlayground({ hubOptions: { flushIntervalMs: 2000 } })
const browser = await chromium.launch(chromiumLaunchOptions)
const viewport = { width: 1440, height: 1000 }
const open = async (path: string, contextOf = browser) => {
  const context = await contextOf.newContext({ viewport })
  const page = await context.newPage()
  await page.goto(`${server.url}${path}`)
  await waitForStatus(page, 'open')
  return page
}
const settle = (page: Page, ms = 1500) => page.waitForTimeout(ms)

try {
  const writer = await open('/?tenant=t1')
  const vue = await open('/vue?tenant=t1')
  const watcher = await writer.context().newPage()
  await watcher.goto(`${server.url}/?tenant=t1`)
  await waitForStatus(watcher, 'open')
  const globex = await open('/?tenant=t2')
  const hub = await (await browser.newContext({ viewport: { width: 1440, height: 1180 } })).newPage()
  await hub.goto(`${server.url}/admin/hub`)
  await hub.locator('#by-tenant').check()

  await watcher.getByRole('button', { name: 'Open TanStack Devtools' }).click()
  await watcher.locator('[data-ssehub-devtools]').waitFor()
  for (const customer of ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra']) {
    await createOrderThroughForm(writer, customer)
    await settle(writer, 700)
  }
  await createOrderThroughForm(globex, 'Globex Inc')
  await writer.getByRole('button', { name: /Import 10,000 customers/ }).click()
  await writer.locator('[data-testid=import-result]').waitFor({ timeout: 60_000 })
  await createOrderThroughForm(writer, 'Alan Turing')
  await settle(watcher)
  // Show one invalidation in full: its data and the keys it refetched.
  await watcher.locator('[data-ssehub-devtools] tr.event[data-type=invalidate]').first().click()
  await settle(watcher, 500)
  await mkdir(dirname(outputs.react), { recursive: true })
  await watcher.screenshot({ path: outputs.react })

  await vue.locator('[data-ssehub-devtools] tr.event[data-type=invalidate]').first().click()
  await settle(vue, 500)
  await vue.locator('[data-testid=devtools]').screenshot({ path: outputs.vue })

  await settle(hub, 2000)
  await mkdir(dirname(outputs.dashboard), { recursive: true })
  await hub.screenshot({ path: outputs.dashboard, fullPage: true })
  console.log(`wrote\n  ${Object.values(outputs).join('\n  ')}`)
} finally {
  await browser.close()
  await server.stop()
}

import { type Browser, chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../testing/chromium'

export { chromiumPath, hasChromium } from '../../../../testing/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions)
}

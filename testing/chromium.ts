import { existsSync } from 'node:fs'

/** Debian's Chromium, or the one CI points at; never a browser downloaded by a test tool. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)

/** What every browser test passes to playwright-core's `chromium.launch`. */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
}

import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Null when Chromium is there, else why the browser measurement cannot run. */
export const chromiumUnavailable = (): string | null =>
  existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`

/** Headless and quiet on the network, like the end-to-end tests' browser. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Thirty pages share one core: none may be throttled as a background tab.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  })

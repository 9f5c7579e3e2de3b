import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { hasTaskset } from '../lib/machine.js'

/** Debian's Chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Null when Chromium is there, else why the browser measurement cannot run. */
export const chromiumUnavailable = (): string | null =>
  existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`

/**
 * Chromium on every core, not only the generator's one it would inherit: thirty renderers
 * on one core took longer to open than S10 may run, and spread over thirty devices in real
 * life. A wrapper starts it under taskset (Playwright runs one executable with its own args).
 */
const unpinnedChromium = (dir: string): string => {
  if (!hasTaskset()) return CHROMIUM_PATH
  const wrapper = join(dir, 'chromium')
  const all = `0-${cpus().length - 1}`
  writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c ${all} "${CHROMIUM_PATH}" "$@"\n`)
  chmodSync(wrapper, 0o755)
  return wrapper
}

/** Headless and quiet on the network, like the end-to-end tests' browser. */
const launch = (executablePath: string): Promise<Browser> =>
  chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Thirty pages share the machine's cores: none may be throttled as a background tab.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  })

export const launchChromium = async (): Promise<Browser> => {
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-chromium-'))
  const browser = await launch(unpinnedChromium(dir)).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw error
  })
  browser.on('disconnected', () => rmSync(dir, { recursive: true, force: true }))
  return browser
}

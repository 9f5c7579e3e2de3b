import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { TestServer } from './server.js'
import { findChromium, thisMachine } from './test-machine.js'

/** Chromium: CHROMIUM_PATH, then the system's, then Playwright's (the global setup ensures one). */
export const chromiumPath = (): string => {
  const found = findChromium(thisMachine())
  if (!found) throw new Error('no Chromium: run the tests through vitest, whose setup finds one')
  return found
}

/** Headless, and quiet on the network: the tests run as root on a closed network. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })

/** A fresh browser profile (cookies, IndexedDB, service worker) pointed at the server. */
export const newPerson = async (
  browser: Browser,
  server: Pick<TestServer, 'httpUrl'>,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    baseURL: server.httpUrl,
    locale: options.locale ?? 'en-GB',
    viewport: { width: 1280, height: 860 },
  })
  const page = await context.newPage()
  return { context, page }
}

/** Gives a browser context the session cookie a participant's token stands for. */
export const signIn = (
  context: BrowserContext,
  server: Pick<TestServer, 'httpUrl'>,
  workspaceId: string,
  token: string,
): Promise<void> =>
  context.addCookies([
    {
      name: `mufakat_${workspaceId}`,
      value: token,
      url: server.httpUrl,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ])

/**
 * Saves a screenshot of a page for docs/screenshots, only when asked
 * (`MUFAKAT_SCREENSHOTS=1 npx vitest run tests/e2e`): a normal test run changes no tracked file.
 */
export const documentPage = async (
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> => {
  if (!process.env.MUFAKAT_SCREENSHOTS) return
  await page.screenshot({
    path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)),
    ...options,
  })
}

/** Serious and critical accessibility violations on the page as it is now (axe). */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)
}

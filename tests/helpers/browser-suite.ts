import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, newPerson, signIn } from './browser.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
import { Site } from './site.js'

export interface BrowserSuite {
  server: TestServer
  browser: Browser
  /** A workspace provisioned through the API, for tests whose subject is not creating one. */
  site: Site
  /** A fresh browser profile, signed in to `site` with `token` (or signed out), on `path`. */
  personAt(
    token: string | undefined,
    path: string,
  ): Promise<{ context: BrowserContext; page: Page }>
}

/**
 * A real server, a Chromium and a workspace for one test file: started before its tests and
 * stopped after them. `started` receives them once they run.
 */
export const withBrowserSuite = (
  started: (suite: BrowserSuite) => void,
  options: { env?: Record<string, string> } = {},
): void => {
  let suite: BrowserSuite | undefined
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(options), launchBrowser()])
    const site = await Site.open(server, undefined, options.env?.ADMIN_TOKEN)
    suite = {
      server,
      browser,
      site,
      personAt: async (token, path) => {
        const person = await newPerson(browser, server)
        if (token) await signIn(person.context, server, site.workspaceId, token)
        await person.page.goto(path)
        return person
      },
    }
    started(suite)
  })
  afterAll(async () => {
    await suite?.browser.close()
    await suite?.server.stop()
    await removeDataDirs()
  })
}

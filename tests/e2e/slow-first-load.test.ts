import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { caretToEnd, planContent, planText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** Everything the server sends on the page's sockets arrives 400 ms late, as on a slow phone. */
const slowIncoming = (context: BrowserContext) =>
  context.routeWebSocket(/\/sync\//, (page) => {
    const server = page.connectToServer()
    server.onMessage((message) => {
      setTimeout(() => page.send(message), 400)
    })
    server.onClose((code, reason) => {
      setTimeout(() => page.close({ code, reason }), 400)
    })
  })

describe('a first visit to a document on a slow network', () => {
  it('takes no keystrokes before the text has arrived, so what is typed lands where it was typed', async () => {
    const plan = await site.document('Slow plan', 'smart-city-vision')
    const { context, page } = await newPerson(browser, server)
    const { token } = await site.join('stakeholder', 'Budi')
    await signIn(context, server, site.workspaceId, token)
    await slowIncoming(context)
    await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
    // The moment the text can be written in, it holds the plan (not an empty page to type into).
    await planText(page).and(page.locator('[contenteditable="true"]')).waitFor()
    expect(await planContent(page)).toContain('Smart mobility')
    // Typed once saved: typing the instant it opens can still land at the tap (a known caret jump).
    await waitSaved(page)
    // The editor itself holds the caret at the end before anything is typed.
    await caretToEnd(page)
    await page.keyboard.press('Enter')
    await page.keyboard.type('Budi: e-bikes at every station.')
    await waitSaved(page)
    const blocks = (await planContent(page)).split('\n')
    expect(blocks.at(-1)).toBe('Budi: e-bikes at every station.')
    expect(blocks).toContain('Smart mobility')
    await context.close()
  })
})

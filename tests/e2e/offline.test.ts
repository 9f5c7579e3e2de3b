import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import {
  badge,
  planContent,
  planText,
  waitEditable,
  waitForText,
  waitSaved,
} from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** Waits until the service worker controls the page and holds what a reload offline needs. */
const waitForOfflineShell = (page: Page) =>
  page.waitForFunction(
    async () => {
      if (!navigator.serviceWorker.controller) return false
      const shell = await caches.open('mufakat-shell-v1')
      const api = await caches.open('mufakat-api')
      const assets = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('/assets/'))
      const held = await Promise.all(assets.map((url) => shell.match(url)))
      return (
        held.every(Boolean) && (await api.keys()).length >= 2 && Boolean(await shell.match('/'))
      )
    },
    undefined,
    { polling: 100, timeout: 15_000 },
  )

describe('working offline', () => {
  it('edits made offline are kept, counted, and merged on reconnect; the badge goes offline → saved', async () => {
    const document = await site.document('Offline plan')
    const ayu = await newPerson(browser, server)
    await signIn(ayu.context, server, site.workspaceId, site.token)
    const budi = await newPerson(browser, server)
    await signIn(
      budi.context,
      server,
      site.workspaceId,
      (await site.join('stakeholder', 'Budi')).token,
    )
    for (const person of [ayu, budi]) {
      await person.page.goto(`/w/${site.workspaceId}/d/${document.id}`)
      await planText(person.page).waitFor()
    }
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.type('Before the outage.')
    await waitSaved(ayu.page)
    await waitForText(budi.page, 'Before the outage.')

    await ayu.context.setOffline(true)
    await ayu.page.locator('output.badge[data-state="offline"]').waitFor()
    await ayu.page.keyboard.press('Enter')
    await ayu.page.keyboard.type('Written offline.')
    // Not a count of keystrokes: a promise that nothing is lost.
    await ayu.page.getByText('Offline — your edits are kept on this device').waitFor()
    // Meanwhile Budi keeps writing online.
    await waitEditable(budi.page)
    await planText(budi.page).click()
    await budi.page.keyboard.press('Control+Home')
    await budi.page.keyboard.type('Budi online. ')
    await waitSaved(budi.page)
    expect(await planText(budi.page).textContent()).not.toContain('Written offline.')

    await ayu.context.setOffline(false)
    await waitSaved(ayu.page)
    expect(await badge(ayu.page).textContent()).toContain('Connected and saved')
    await waitForText(budi.page, 'Written offline.')
    await waitForText(ayu.page, 'Budi online.')
    expect(await planContent(ayu.page)).toBe(await planContent(budi.page))
    expect(await planContent(ayu.page)).toBe('Budi online. Before the outage.\nWritten offline.')
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('a reload while offline still shows the document and takes edits, which sync later', async () => {
    const document = await site.document('Field notes')
    const ayu = await newPerson(browser, server)
    await signIn(ayu.context, server, site.workspaceId, site.token)
    await ayu.page.goto(`/w/${site.workspaceId}/d/${document.id}`)
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.type('Kept on this laptop.')
    await waitSaved(ayu.page)
    await waitForOfflineShell(ayu.page)

    await ayu.context.setOffline(true)
    await ayu.page.reload()
    await waitForText(ayu.page, 'Kept on this laptop.')
    await ayu.page.locator('output.badge[data-state="offline"]').waitFor()
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.press('Control+End')
    await ayu.page.keyboard.type(' Added offline.')
    await ayu.context.setOffline(false)
    await waitSaved(ayu.page)

    // Someone else opening it now gets the offline edit from the server.
    const budi = await newPerson(browser, server)
    await signIn(budi.context, server, site.workspaceId, site.token)
    await budi.page.goto(`/w/${site.workspaceId}/d/${document.id}`)
    await waitForText(budi.page, 'Kept on this laptop. Added offline.')
    await Promise.all([ayu.context.close(), budi.context.close()])
  })
})

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { commentOn, planText, waitEditable, waitForText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** How long every message from the server takes to reach the page, as on a slow network. */
const delayMs = 400

/**
 * Delays everything the server sends on the page's sockets (messages and closes alike, so their
 * order holds): the device's own copy then finishes loading before the server's first reply.
 */
const slowIncoming = (context: BrowserContext) =>
  context.routeWebSocket(/\/sync\//, (page) => {
    const server = page.connectToServer()
    server.onMessage((message) => {
      setTimeout(() => page.send(message), delayMs)
    })
    server.onClose((code, reason) => {
      setTimeout(() => page.close({ code, reason }), delayMs)
    })
  })

const comments = [
  'Which roads get bus lanes first?',
  'Ask the water board about the canals.',
  'Could lanes share space with bicycles?',
  'Trees need room for roots.',
]

describe('reloading a commented document', () => {
  it('never locks anyone out: 20 reloads by two people, with a slow socket, keep every comment and refuse nothing', {
    timeout: 240_000,
  }, async () => {
    const plan = await site.document('Reloaded plan')
    const people: { context: BrowserContext; page: Page }[] = []
    for (const name of ['Ayu', 'Budi']) {
      const person = await newPerson(browser, server)
      const { token } = await site.join('stakeholder', name)
      await signIn(person.context, server, site.workspaceId, token)
      await slowIncoming(person.context)
      await person.page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
      await planText(person.page).waitFor()
      people.push(person)
    }
    const [ayu, budi] = people as [(typeof people)[0], (typeof people)[0]]
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.type('Bus lanes on every main road. Trees along every canal.')
    await waitForText(budi.page, 'every canal')
    // Each comments on the other's passage too, so each device holds the other's comments.
    await commentOn(ayu.page, 'every main road', comments[0] as string)
    await commentOn(budi.page, 'every canal', comments[1] as string)
    await commentOn(budi.page, 'Bus lanes', comments[2] as string)
    await commentOn(ayu.page, 'Trees along', comments[3] as string)
    for (const { page } of people) {
      for (const text of comments) await page.locator('.comment__text', { hasText: text }).waitFor()
      await waitSaved(page)
    }

    for (let round = 0; round < 20; round++) {
      const { page } = people[round % 2] as (typeof people)[0]
      await page.reload()
      await planText(page).waitFor()
      for (const text of comments) {
        await page.locator('.comment__text', { hasText: text }).waitFor({ timeout: 15_000 })
      }
      // Saved means the server has everything this device holds; a refusal would show instead.
      const refused = page.getByText('Changes on this device were refused')
      await page.locator('output.badge[data-state="saved"]').or(refused).first().waitFor()
      expect(await refused.count(), `reload ${round + 1}`).toBe(0)
      await waitSaved(page)
      expect(await page.locator('.comment__text').count(), `reload ${round + 1}`).toBe(
        comments.length,
      )
    }
    await Promise.all(people.map(({ context }) => context.close()))
  })
})

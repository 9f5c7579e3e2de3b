import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { planText, selectText, waitEditable, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

describe('a comment being written', () => {
  it('survives a reload of the page until it is posted, and is gone once posted', async () => {
    const plan = await site.document('Drafted plan')
    const person = await newPerson(browser, server)
    await signIn(person.context, server, site.workspaceId, site.token)
    const { page } = person
    await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
    await waitEditable(page)
    await planText(page).click()
    await page.keyboard.type('Protected bike lanes on Jalan Dago.')
    await waitSaved(page)

    await selectText(page, 'Jalan Dago')
    await page.getByRole('button', { name: 'Comment', exact: true }).click()
    await page.getByLabel('Your comment').fill('Half a thought about the ')
    // A phone drops the page, or a finger slips onto reload.
    await page.reload()
    const field = page.getByLabel('Your comment')
    await field.waitFor()
    expect(await field.inputValue()).toBe('Half a thought about the ')
    await expect
      .poll(() => page.locator('.thread--draft .thread__quote').textContent())
      .toBe('Jalan Dago')

    await field.fill('Half a thought about the parking on both sides.')
    await page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    const posted = page.locator('.comment__text', { hasText: 'parking on both sides' })
    await posted.waitFor()
    await waitSaved(page)
    await page.reload()
    await posted.waitFor()
    expect(await page.locator('.comment__text').count()).toBe(1)
    expect(await page.getByLabel('Your comment').count()).toBe(0)
    await person.context.close()
  }, 120_000)
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import type { Site } from '../helpers/site.js'
import { planText, waitEditable, waitForText, waitSaved } from './editor-helpers.js'

let site: Site
let personAt: BrowserSuite['personAt']

withBrowserSuite((suite) => {
  ;({ site, personAt } = suite)
})

const home = () => `/w/${site.workspaceId}`
const row = (page: Page, name: string) => page.getByTestId('person').filter({ hasText: name })
const waitOnline = (page: Page, name: string, online: boolean) =>
  page
    .locator(`[data-testid="person"][data-online="${online}"]`, { hasText: name })
    .waitFor({ timeout: 15_000 })

describe('people on the workspace home', () => {
  it('two people on the home page see each other online, and offline when one leaves', async () => {
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const ayu = await personAt(site.token, home())
    const b = await personAt(budi.token, home())
    await waitOnline(ayu.page, 'Budi', true)
    await waitOnline(b.page, 'Fasilitator', true)
    await waitOnline(b.page, 'Budi', true)
    expect(await row(ayu.page, 'Budi').textContent()).toContain('online')
    await ayu.page.getByTestId('online-count').getByText('2 online now').waitFor()

    await b.page.close()
    await waitOnline(ayu.page, 'Budi', false)
    expect(await row(ayu.page, 'Budi').textContent()).toContain('offline')
    await ayu.page.getByTestId('online-count').getByText('1 online now').waitFor()
    await Promise.all([ayu.context.close(), b.context.close()])
  })

  it('a facilitator promotes an observer who has the document open: the editor becomes editable without a reload', async () => {
    const plan = await site.document('Promotion')
    const dewi = await site.join('observer', 'Dewi', 'media')
    const d = await personAt(dewi.token, `/w/${site.workspaceId}/d/${plan.id}`)
    await planText(d.page).waitFor()
    await d.page.getByText('cannot edit or comment').waitFor()
    expect(await planText(d.page).getAttribute('contenteditable')).toBe('false')

    const ayu = await personAt(site.token, home())
    // The last facilitator cannot step down: the server's conflict is explained.
    await ayu.page.getByLabel('Role of Fasilitator').selectOption('stakeholder')
    await ayu.page.getByText('A workspace needs at least one facilitator.').waitFor()
    expect(await ayu.page.getByLabel('Role of Fasilitator').inputValue()).toBe('facilitator')

    await ayu.page.getByLabel('Role of Dewi').selectOption('stakeholder')
    await ayu.page.getByText('Dewi is now stakeholder.').waitFor()

    // Dewi's open editor follows: editable, the note gone, and her typing is saved.
    await d.page.getByText('Your role has changed: you are now stakeholder.').waitFor()
    await expect
      .poll(() => planText(d.page).getAttribute('contenteditable'), { timeout: 15_000 })
      .toBe('true')
    expect(await d.page.getByText('cannot edit or comment').count()).toBe(0)
    expect(await planText(d.page).getAttribute('aria-readonly')).toBeNull()
    await waitEditable(d.page)
    await planText(d.page).click()
    await d.page.keyboard.type('Dewi can write now.')
    await waitSaved(d.page)
    const check = await personAt(site.token, `/w/${site.workspaceId}/d/${plan.id}`)
    await waitForText(check.page, 'Dewi can write now.')
    await Promise.all([ayu.context.close(), d.context.close(), check.context.close()])
  })

  it('a facilitator removes someone: their open page says so and their local copies are cleared', async () => {
    const plan = await site.document('Removal')
    const eko = await site.join('stakeholder', 'Eko', 'academia')
    const e = await personAt(eko.token, `/w/${site.workspaceId}/d/${plan.id}`)
    await waitEditable(e.page)
    await planText(e.page).click()
    await e.page.keyboard.type('Eko was here.')
    await waitSaved(e.page)
    const databases = () =>
      e.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))
    expect(await databases()).toContain(plan.room)

    const ayu = await personAt(site.token, home())
    await ayu.page.getByRole('button', { name: 'Remove Eko' }).click()
    const dialog = ayu.page.getByRole('dialog', { name: 'Remove Eko from the workspace?' })
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await ayu.page.getByText('Eko was removed.').waitFor()
    await expect.poll(() => row(ayu.page, 'Eko').count()).toBe(0)

    await e.page.getByText('You are no longer a member of this workspace').waitFor()
    await expect.poll(databases, { timeout: 10_000 }).not.toContain(plan.room)
    await Promise.all([ayu.context.close(), e.context.close()])
  })
})

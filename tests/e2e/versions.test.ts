import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import { documentPage, newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { planContent, planText, selectText, waitForText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

const openAs = async (
  documentId: string,
  who: { role: Role; name: string; group?: StakeholderGroup } | 'facilitator',
) => {
  const person = await newPerson(browser, server)
  const token =
    who === 'facilitator' ? site.token : (await site.join(who.role, who.name, who.group)).token
  await signIn(person.context, server, site.workspaceId, token)
  await person.page.goto(`/w/${site.workspaceId}/d/${documentId}`)
  await planText(person.page).waitFor()
  return person
}

const openVersions = (page: Page) => page.getByRole('tab', { name: 'Versions' }).click()

/** The marked words of the inline comparison, trimmed. */
const marked = async (page: Page, op: 'added' | 'removed') =>
  (
    await page.getByTestId('diff-inline').locator(`.diff-word--${op} .diff-text`).allTextContents()
  ).map((text) => text.trim())

const waitForContent = async (page: Page, wanted: string) => {
  await expect.poll(() => planContent(page), { timeout: 15_000 }).toBe(wanted)
}

describe('versions of a plan in the browser', () => {
  it('a stakeholder saves a version; after others edit, the comparison shows exactly what changed, and a restore reaches everyone', async () => {
    const plan = await site.document('Transit plan')
    const budi = await openAs(plan.id, { role: 'stakeholder', name: 'Budi', group: 'business' })
    await planText(budi.page).click()
    await budi.page.keyboard.type('Buses run every ten minutes.')
    await budi.page.keyboard.press('Enter')
    await budi.page.keyboard.type('Trams reach the north.')
    await waitSaved(budi.page)
    const original = await planContent(budi.page)

    await openVersions(budi.page)
    await budi.page.getByLabel('Version name').fill('Before the workshop')
    await budi.page.getByRole('button', { name: 'Save version' }).click()
    await budi.page.getByText('Saved “Before the workshop”.').waitFor()
    await budi.page.getByTestId('version').filter({ hasText: 'Before the workshop' }).waitFor()

    // The facilitator, in another browser, changes a word and adds a paragraph.
    const ayu = await openAs(plan.id, 'facilitator')
    await waitForText(ayu.page, 'Trams reach the north.')
    await selectText(ayu.page, 'ten')
    await ayu.page.keyboard.type('five')
    // (planContent, not the text on screen: Ayu's caret label stands inside that sentence.)
    await expect.poll(() => planContent(budi.page)).toContain('every five minutes.')
    // Let the editor take up the new selection before moving it with keys.
    await planText(ayu.page).click()
    await ayu.page.waitForTimeout(300)
    await ayu.page.keyboard.press('Control+End')
    await ayu.page.waitForTimeout(100)
    await ayu.page.keyboard.press('Enter')
    await ayu.page.keyboard.type('Cycle lanes everywhere.')
    await waitForText(budi.page, 'Cycle lanes everywhere.')
    await waitSaved(ayu.page)
    await waitSaved(budi.page)

    // Budi compares his version with the live text: exactly the changed words are marked.
    await budi.page
      .getByRole('button', { name: 'Compare with current text: “Before the workshop”' })
      .click()
    const compare = budi.page.getByTestId('compare')
    await compare
      .getByRole('heading', { name: 'Changes from “Before the workshop” to “Current text”' })
      .waitFor()
    await compare.getByTestId('diff-inline').waitFor()
    expect(await marked(budi.page, 'removed')).toEqual(['ten'])
    expect(await marked(budi.page, 'added')).toEqual(['five', 'Cycle lanes everywhere.'])
    // Not colour alone: the change is named in text for screen readers, and labelled on screen.
    expect(await compare.getByTestId('diff-inline').textContent()).toContain('[removed: ')
    await compare.getByText('Added block').waitFor()
    await compare.getByText('1 added, 0 removed, 1 changed blocks').waitFor()
    await documentPage(budi.page, 'versions')
    // The versions panel and the comparison pass an axe scan.
    expect(await seriousViolations(budi.page)).toEqual([])
    // Side by side shows the same change in two columns.
    await compare.getByLabel('Side by side').check()
    const table = compare.getByTestId('diff-side')
    await table.getByRole('columnheader', { name: 'Before' }).waitFor()
    expect(await table.locator('.diff-word--removed .diff-text').allTextContents()).toEqual([
      'ten ',
    ])

    // Export links: Markdown of the version is a download with the saved text.
    const link = budi.page.getByRole('link', { name: 'Download “Before the workshop” as Markdown' })
    const href = await link.getAttribute('href')
    const download = await budi.context.request.get(href ?? '')
    expect(download.status()).toBe(200)
    expect(download.headers()['content-disposition']).toContain('attachment')
    expect(await download.text()).toContain('Buses run every ten minutes')

    // Restore, after a confirmation that says the current text is kept.
    await budi.page.getByRole('button', { name: 'Restore “Before the workshop”' }).click()
    const dialog = budi.page.getByRole('dialog', { name: 'Restore “Before the workshop”?' })
    await dialog.getByText('The current text is saved as a version first').waitFor()
    await dialog.getByRole('button', { name: 'Restore this version' }).click()
    await budi.page.getByText(/Restored “Before the workshop”/).waitFor()
    // Both connected editors show the restored text.
    await waitForContent(budi.page, original)
    await waitForContent(ayu.page, original)
    await budi.page.getByTestId('version').filter({ hasText: 'saved before a restore' }).waitFor()

    // Activity: who edited, by group.
    const activity = budi.page.getByTestId('activity')
    await activity.getByText('Budi').waitFor()
    await activity.getByText('Fasilitator').first().waitFor()
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('a commenter and an observer see the versions but no save or restore, and are told why', async () => {
    const plan = await site.document('Transit plan')
    for (const role of ['commenter', 'observer'] as const) {
      const person = await openAs(plan.id, { role, name: `Reader ${role}` })
      await openVersions(person.page)
      await person.page
        .getByTestId('version')
        .filter({ hasText: 'Before the workshop' })
        .first()
        .waitFor()
      await person.page
        .getByText('only facilitators, mediators and stakeholders can save or restore them')
        .waitFor()
      expect(await person.page.getByRole('button', { name: 'Save version' }).count()).toBe(0)
      expect(await person.page.getByRole('button', { name: /^Restore/ }).count()).toBe(0)
      // Reading and comparing remain (the version was restored above, so nothing differs).
      await person.page
        .getByRole('button', { name: 'Compare with current text: “Before the workshop”' })
        .click()
      await person.page
        .getByTestId('compare')
        .getByText('No differences: the two texts are the same.')
        .waitFor()
      await person.context.close()
    }
  })
})

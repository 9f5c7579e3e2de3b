import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import type { Version } from '../../shared/src/schema/version.js'
import { documentPage, newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { paragraph, text, write } from '../helpers/plan-text.js'
import type { TestServer } from '../helpers/server.js'
import { api, type Site } from '../helpers/site.js'
import {
  caretToEnd,
  planContent,
  planText,
  selectText,
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
    await waitEditable(budi.page)
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
    await caretToEnd(ayu.page)
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
    // Each change names who made it: the facilitator replaced Budi's word and added the line.
    const authors = compare.getByTestId('diff-inline').getByTestId('change-authors')
    expect(await authors.locator('[aria-hidden="true"]').allTextContents()).toEqual([
      'Fasilitator',
      'Fasilitator',
    ])
    expect(await authors.locator('.visually-hidden').allTextContents()).toEqual([
      'Added by Fasilitator; Removed by Fasilitator',
      'Added by Fasilitator',
    ])
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
    // Ayu, whose text changed under her caret, is told who restored what; only Budi may undo.
    const told = ayu.page.getByTestId('restore-notice')
    await told.getByText('Budi restored “Before the workshop”', { exact: false }).waitFor()
    await told.getByRole('button', { name: 'Compare with the text before' }).waitFor()
    expect(await told.getByRole('button', { name: 'Undo' }).count()).toBe(0)
    const own = budi.page.getByTestId('restore-notice')
    await own.getByText('You restored “Before the workshop”.').waitFor()
    await own.getByRole('button', { name: 'Undo' }).waitFor()
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

  it('a long comparison folds unchanged paragraphs, steps between changes and names who edited; a restore can be undone', async () => {
    const plan = await site.document('Long plan')
    const paragraphs = Array.from({ length: 30 }, (_, index) => `Paragraph ${index} of the plan.`)
    const writer = connectClient(server, plan.room, { params: { token: site.token } })
    await waitForSynced(writer)
    write(
      writer,
      paragraphs.map((line) => paragraph(text(line))),
    )
    const budi = await openAs(plan.id, {
      role: 'stakeholder',
      name: 'Budi Long',
      group: 'business',
    })
    await waitForContent(budi.page, paragraphs.join('\n'))
    await api<{ version: Version }>(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'Long draft' },
    })
    const edited = paragraphs.map((line, index) =>
      index === 2 || index === 27 ? line.replace('of the plan', 'of the new plan') : line,
    )
    write(
      writer,
      edited.map((line) => paragraph(text(line))),
    )
    await waitForContent(budi.page, edited.join('\n'))
    writer.destroy()

    await openVersions(budi.page)
    await budi.page.getByRole('button', { name: 'Compare with current text: “Long draft”' }).click()
    const compare = budi.page.getByTestId('compare')
    const inline = compare.getByTestId('diff-inline')
    // Unchanged paragraphs far from a change are folded; one on each side stays for context.
    const fold = inline.getByRole('button', { name: 'Show 22 unchanged paragraphs' })
    await fold.waitFor()
    expect(await inline.getByText('Paragraph 15 of the plan.').count()).toBe(0)
    await inline.getByText('Paragraph 26 of the plan.').waitFor()
    // Who made the changes: the facilitator edited in between.
    await compare.getByTestId('compare-editors').getByText('Fasilitator').waitFor()
    // Next and previous move between the two changes.
    const position = compare.getByTestId('change-position')
    expect(await position.textContent()).toBe('Changes: 2')
    const next = compare.getByRole('button', { name: 'Next change →' })
    const previous = compare.getByRole('button', { name: '← Previous change' })
    await next.click()
    await expect.poll(() => position.textContent()).toBe('Change 1 of 2')
    const focused = () =>
      budi.page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' '))
    await expect.poll(focused).toContain('new')
    await next.click()
    await expect.poll(() => position.textContent()).toBe('Change 2 of 2')
    await expect.poll(focused).toContain('Paragraph 27')
    expect(await next.isDisabled()).toBe(true)
    await previous.click()
    await expect.poll(() => position.textContent()).toBe('Change 1 of 2')
    await fold.click()
    await inline.getByText('Paragraph 15 of the plan.').waitFor()
    expect(await seriousViolations(budi.page)).toEqual([])

    // Budi restores the long draft; Ayu sees it happen; Budi undoes it and the edits are back.
    const ayu = await openAs(plan.id, 'facilitator')
    await waitForContent(ayu.page, edited.join('\n'))
    await budi.page.getByRole('button', { name: 'Restore “Long draft”' }).click()
    await budi.page
      .getByRole('dialog')
      .getByRole('button', { name: 'Restore this version' })
      .click()
    await waitForContent(ayu.page, paragraphs.join('\n'))
    await ayu.page
      .getByTestId('restore-notice')
      .getByText('Budi Long restored “Long draft”', { exact: false })
      .waitFor()
    await budi.page.getByTestId('restore-notice').getByRole('button', { name: 'Undo' }).click()
    await waitForContent(ayu.page, edited.join('\n'))
    await waitForContent(budi.page, edited.join('\n'))
    await Promise.all([ayu.context.close(), budi.context.close()])
  })
})

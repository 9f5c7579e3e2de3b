import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DecisionRecord } from '../../shared/src/schema/session.js'
import { documentPage, seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'
import { selectText, waitEditable } from './editor-helpers.js'

let server: TestServer
let site: Site
let browser: Browser
let personAt: BrowserSuite['personAt']

withBrowserSuite((suite) => {
  ;({ server, site, browser, personAt } = suite)
})

const clause = 'Trams reach the north by 2030.'

/** A phone (390×844, touch) signed in with `token`, in `locale`, on `path`. */
const phoneAt = async (token: string, path: string, locale: string): Promise<Page> => {
  const context = await browser.newContext({
    baseURL: server.httpUrl,
    locale,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  await signIn(context, server, site.workspaceId, token)
  const page = await context.newPage()
  await page.goto(path)
  return page
}

/** The status marked beside the clause in the plan's text. */
const marginBadge = (page: Page) => page.locator('.plan-text .clause-badge')

describe('consent on a clause, in the browser', () => {
  it('a facilitator puts a selected clause to consent; people take positions on the passage on their phones (English and Bahasa Indonesia); the margin follows positions, edits and the close', async () => {
    const plan = await site.document('Tram plan')
    const writer = connectClient(server, plan.room, { params: { token: site.token } })
    const reader = connectClient(server, plan.room, { params: { token: site.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    write(writer, [
      paragraph(text('Buses run every ten minutes.')),
      paragraph(text(`Section 2. ${clause} Stations every 800 m.`)),
    ])
    await saved(writer, reader)
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Tram workshop')
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const sari = await site.join('stakeholder', 'Sari', 'community')

    // The facilitator selects the clause in the plan and proposes it.
    const { page: facilitator } = await personAt(site.token, `/w/${site.workspaceId}/d/${plan.id}`)
    await waitEditable(facilitator)
    await selectText(facilitator, clause)
    await facilitator
      .getByRole('button', { name: 'Propose this clause for consent', exact: true })
      .click()
    const form = facilitator.getByRole('form', { name: 'Propose this clause for consent' })
    await form.getByText(clause).waitFor()
    await form.getByLabel('In the session').selectOption({ label: 'Tram workshop' })
    await form.getByRole('button', { name: 'Put to consent' }).click()
    await facilitator.getByText('The clause is put to consent.').waitFor({ timeout: 30_000 })
    await marginBadge(facilitator).getByText('open', { exact: true }).waitFor({ timeout: 30_000 })
    // The badge sits right before the passage, which is marked.
    expect(await facilitator.locator('.plan-text .clause-passage').allTextContents()).toEqual([
      clause,
    ])

    // Budi, on a phone in English, sees the passage, not the whole plan, and agrees.
    const session_ = `/w/${site.workspaceId}/s/${session.id}`
    const budiPage = await phoneAt(budi.token, session_, 'en-GB')
    const shown = budiPage.getByTestId('proposal-clause')
    await shown.getByText(clause, { exact: true }).waitFor({ timeout: 30_000 })
    await shown.getByText('The clause put to consent').waitFor()
    expect(await budiPage.getByTestId('frozen-version').count()).toBe(0)
    await budiPage.getByRole('button', { name: 'Agree', exact: true }).click()
    await budiPage.getByTestId('my-position').waitFor()
    await documentPage(budiPage, 'clause-on-phone', { fullPage: true })

    // Sari, on a phone in Bahasa Indonesia, objects with her reason.
    const sariPage = await phoneAt(sari.token, session_, 'id-ID')
    const sariShown = sariPage.getByTestId('proposal-clause')
    await sariShown.getByText('Klausul yang diajukan').waitFor({ timeout: 30_000 })
    await sariShown.getByText(clause, { exact: true }).waitFor()
    await sariPage
      .getByLabel('Alasan (wajib untuk Keberatan dan Menolak)')
      .fill('Buses must reach the north first.')
    await sariPage.getByRole('button', { name: 'Keberatan', exact: true }).click()
    await sariPage.getByTestId('my-position').waitFor()
    for (const page of [budiPage, sariPage]) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    }

    // The facilitator's margin counts the objection, without a reload.
    await marginBadge(facilitator)
      .getByText('1 objection', { exact: true })
      .waitFor({ timeout: 30_000 })

    // The passage's live text changes: the margin says so, and the panel quotes both.
    writer.doc.transact(() => {
      const block = writer.doc.getXmlFragment('default').get(1)
      const run = block instanceof Y.XmlElement ? block.get(0) : undefined
      if (!(run instanceof Y.XmlText)) throw new Error('no clause text')
      const at = run.toString().indexOf('north') + 'north'.length
      run.insert(at, '-east')
    })
    await marginBadge(facilitator)
      .getByText('1 objection · text changed', { exact: true })
      .waitFor({ timeout: 30_000 })
    const item = facilitator.getByTestId('clause-item')
    await item
      .getByText('Changed since put to consent; now: “Trams reach the north-east by 2030.”')
      .waitFor()

    // Closed as adopted over the objection: the margin reads consented, everyone's log names the clause.
    await commands.run(session.id, site.token, {
      type: 'proposal.close',
      outcome: 'adopted',
      overObjections: 1,
    })
    await marginBadge(facilitator)
      .getByText('§ consented · text changed', { exact: true })
      .waitFor({ timeout: 30_000 })
    const sariDecision = sariPage.getByTestId('decision-clause')
    await sariDecision.getByText('Atas klausul').waitFor({ timeout: 30_000 })
    await sariDecision.getByText(clause, { exact: true }).waitFor()
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: site.token },
    )
    const hash = decisions.at(-1)?.passage?.textHash ?? 'none'
    await sariDecision.getByText(`SHA-256 teks ini: ${hash.slice(0, 16)}`).waitFor()

    // In Bahasa Indonesia, the plan's margin says the same.
    const sariPlan = await phoneAt(sari.token, `/w/${site.workspaceId}/d/${plan.id}`, 'id-ID')
    await marginBadge(sariPlan)
      .getByText('§ disepakati · teks berubah', { exact: true })
      .waitFor({ timeout: 30_000 })
    expect(await seriousViolations(facilitator)).toEqual([])
    expect(await seriousViolations(sariPage)).toEqual([])
    await documentPage(facilitator, 'clause-margin')
  }, 180_000)
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Session } from '../../shared/src/schema/session.js'
import { documentPage, seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { api, type Site } from '../helpers/site.js'

let suite: BrowserSuite
let site: Site

withBrowserSuite((started) => {
  suite = started
  site = started.site
})

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const stageTitles = (page: Page) => page.locator('.stage-list .stage__title').allTextContents()

/** A workshop with the standard agenda (six stages), started through the API. */
const workshop = async (title: string) =>
  (
    await api<{ session: Session }>(
      suite.server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: site.token, body: { title, kind: 'workshop' } },
    )
  ).session

describe('the agenda, shaped in the browser', () => {
  it('a facilitator edits the agenda during a session and another participant sees it live, then "Ended" at its time', async () => {
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const session = await workshop('Braga walk')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const [ayu, b] = await Promise.all([
      suite.personAt(site.token, path),
      suite.personAt(budi.token, path),
    ])
    for (const page of [ayu.page, b.page]) {
      await page.getByTestId('live-status').getByText('Live').waitFor()
    }
    // A stakeholder has no editor.
    expect(await button(b.page, 'Edit agenda').count()).toBe(0)

    await button(ayu.page, 'Edit agenda').click()
    const add = ayu.page.getByRole('form', { name: 'New stage' })
    await add
      .getByLabel('Name (pick a standard stage or write your own)')
      .fill('Walk on Jalan Braga')
    await add.getByLabel('Minutes').fill('25')
    await button(ayu.page, 'Add stage').click()
    await b.page.locator('.stage-list').getByText('Walk on Jalan Braga').waitFor()
    await b.page.locator('.stage-list').getByText('25 min').waitFor()

    // Keyboard only: the new stage (7) moves up to 6, and stage 3 goes.
    await button(ayu.page, 'Move stage 7 up').focus()
    await ayu.page.keyboard.press('Enter')
    await expect
      .poll(() => stageTitles(b.page))
      .toEqual([
        'Opening',
        'Context and data',
        'Group discussion',
        'Proposals',
        'Decision',
        'Walk on Jalan Braga',
        'Closing',
      ])
    await button(ayu.page, 'Remove stage 3').click()
    // A standard stage's name typed in is stored as the standard stage, shown translated.
    await ayu.page.getByLabel('Name of stage 2').fill('Group discussion')
    await ayu.page.getByLabel('Minutes for stage 2').fill('35')
    await button(ayu.page, 'Save stage 2').click()
    await expect
      .poll(() => stageTitles(b.page))
      .toEqual([
        'Opening',
        'Group discussion',
        'Proposals',
        'Decision',
        'Walk on Jalan Braga',
        'Closing',
      ])
    await b.page.locator('.stage-list li').nth(1).getByText('35 min').waitFor()
    // The current stage stays: its removal is not offered.
    expect(await button(ayu.page, 'Remove stage 1').isDisabled()).toBe(true)
    expect(await seriousViolations(ayu.page)).toEqual([])
    await documentPage(ayu.page, 'agenda-editor')

    // Going to a stage can start its timer: Budi sees it run down from 35:00.
    await ayu.page.getByLabel('Start the timer as a stage begins').check()
    await button(ayu.page, 'Next stage').click()
    await b.page
      .getByTestId('stage-announcer')
      .getByText('Stage 2 of 6: Group discussion')
      .waitFor()
    await expect
      .poll(() => b.page.getByTestId('timer').textContent(), { timeout: 10_000 })
      .toMatch(/^34:5\d$/)

    await button(ayu.page, 'End session').click()
    await button(ayu.page, 'Yes, end it').click()
    const ended = await b.page
      .getByTestId('live-status')
      .getByText(/^Ended \d\d:\d\d$/)
      .textContent({ timeout: 10_000 })
    const state = await api<{ state: { stageLog: { to: string | null }[] } }>(
      suite.server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    const endedAt = state.state.stageLog.at(-1)?.to ?? ''
    const local = await b.page.evaluate(
      (iso) => new Date(iso).toLocaleTimeString('en-GB', { timeStyle: 'short' }),
      endedAt,
    )
    expect(ended).toBe(`Ended ${local}`)
  })

  it('the editor is in Bahasa Indonesia, axe-clean and fits a 390×844 phone', async () => {
    const session = await workshop('Lokakarya agenda')
    const context = await suite.browser.newContext({
      baseURL: suite.server.httpUrl,
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    await signIn(context, suite.server, site.workspaceId, site.token)
    const page = await context.newPage()
    await page.goto(`/w/${site.workspaceId}/s/${session.id}`)
    await button(page, 'Ubah agenda').click()
    await page.getByLabel('Nama tahap 1').waitFor()
    // Standard stages are shown in the reader's language, in the editor too.
    expect(await page.getByLabel('Nama tahap 1').inputValue()).toBe('Pembukaan')
    const add = page.getByRole('form', { name: 'Tahap baru' })
    await add.getByLabel('Nama (pilih tahap baku atau tulis sendiri)').fill('Penutupan')
    await button(page, 'Tambah tahap').click()
    await page.getByLabel('Nama tahap 7').waitFor()
    const { state } = await api<{ state: { agenda: { title: string }[] } }>(
      suite.server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    // Stored as the standard stage, so English readers see "Closing".
    expect(state.agenda.at(-1)?.title).toBe('Closing')
    expect(await seriousViolations(page)).toEqual([])
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBe(390)
    await documentPage(page, 'phone-agenda-editor')
    await context.close()
  })
})

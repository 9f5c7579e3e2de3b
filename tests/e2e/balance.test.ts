import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentPage, seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { sessionCommands } from '../helpers/session-commands.js'
import type { Site } from '../helpers/site.js'

let suite: BrowserSuite
let site: Site

withBrowserSuite((started) => {
  suite = started
  site = started.site
})

const live = (page: Page) =>
  page
    .getByTestId('live-status')
    .getByText(/^(Live|Langsung)$/)
    .waitFor()

describe('the balance of voice, and people who are not online', () => {
  it('the facilitator sees who is under-heard, someone leaving stops counting as here, and an idea phoned in shows its channel to everyone', async () => {
    const [ayu, budi, sari] = await Promise.all([
      site.join('stakeholder', 'Ayu', 'community'),
      site.join('stakeholder', 'Budi', 'business'),
      site.join('stakeholder', 'Sari', 'citizen'),
    ])
    const commands = sessionCommands(suite.server, site)
    const { session } = await commands.open('Balance workshop')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const [f, b, a] = await Promise.all([
      suite.personAt(site.token, path),
      suite.personAt(budi.token, path),
      suite.personAt(ayu.token, path),
    ])
    for (const { page } of [f, b, a]) await live(page)
    await f.page.getByTestId('attendance').getByText('Ayu').waitFor()

    // Budi holds the floor: the community is a third of the room and has had none of the time.
    await commands.run(session.id, site.token, {
      type: 'floor.give',
      participantId: budi.participant.id,
    })
    const prompt = f.page.getByTestId('balance-prompt')
    await prompt.getByText('Community: 33 % of people here, 0 % of speaking time').waitFor()
    expect(await a.page.getByTestId('balance-prompt').count()).toBe(0)

    // Ayu goes back to the workspace: she is no longer here, so nobody is prompted about her group.
    await a.page.getByRole('link', { name: '← Workspace' }).click()
    const left = f.page.getByTestId('attendance').locator('li', { hasText: 'Ayu' })
    await left.getByText('left').waitFor()
    await f.page.getByText('Present (2)').waitFor()
    await expect.poll(() => prompt.getByText(/^Community:/).count()).toBe(0)

    // Sari has no device: she phones in an idea, which the facilitator records for her.
    const form = f.page.getByTestId('on-behalf')
    await form.getByLabel('Participant').selectOption({ label: 'Sari (Citizen)' })
    await form.getByLabel('How it reached you').selectOption('phone')
    await form.getByLabel('What to record').selectOption('idea')
    await form.getByLabel('Their words').fill('Shade at every bus stop.')
    await form.getByRole('button', { name: 'Record' }).click()
    for (const page of [f.page, b.page]) {
      const item = page.getByTestId('contributions').locator('li', { hasText: 'Sari' })
      await item.getByText('Shade at every bus stop.').waitFor()
      await item.getByText('by phone, recorded by Fasilitator').waitFor()
    }
    const citizenIdeas = f.page.locator(
      '[data-testid="balance-more"] tr[data-group="citizen"] td[data-measure="ideas"]',
    )
    await expect.poll(() => citizenIdeas.textContent()).toBe('1100 %')
    // Someone here online is not in the list: they speak for themselves.
    const options = await form.getByLabel('Participant').locator('option').allTextContents()
    expect(options).toContain('Sari (Citizen)')
    expect(options).not.toContain('Budi (Business)')
    expect(sari.participant.id).toBeTruthy()
    // In the side column of a 1280 px desktop both tables show every column, none cut off.
    for (const table of ['balance', 'balance-more']) {
      const region = f.page.getByTestId(table).locator('xpath=..')
      const [scrolled, shown] = await region.evaluate((box) => [box.scrollWidth, box.clientWidth])
      expect(scrolled, table).toBeLessThanOrEqual(shown)
    }

    expect(await seriousViolations(f.page)).toEqual([])
    await documentPage(f.page, 'session-balance', { fullPage: true })

    // Across sessions, the workspace home shows each group's share: Budi did all the speaking.
    await commands.run(session.id, site.token, { type: 'floor.end' })
    await f.page.goto(`/w/${site.workspaceId}`)
    const across = f.page.getByTestId('workspace-balance')
    const speaking = (group: string) =>
      across.locator(`tr[data-group="${group}"] td[data-measure="speakingMs"]`).textContent()
    await expect.poll(() => speaking('business'), { timeout: 30_000 }).toBe('100 %')
    expect(await speaking('community')).toBe('0 %')
  }, 150_000)

  it('in Bahasa Indonesia on a 390×844 phone: a position given on paper is recorded, shown with its channel, axe-clean', async () => {
    const [citra, dedi] = await Promise.all([
      site.join('stakeholder', 'Citra', 'academia'),
      site.join('stakeholder', 'Dedi', 'media'),
    ])
    const commands = sessionCommands(suite.server, site)
    const { session } = await commands.open('Lokakarya keseimbangan')
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Jalur sepeda',
      text: 'Jalur sepeda di Dago.',
    })
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const context = await suite.browser.newContext({
      baseURL: suite.server.httpUrl,
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    await signIn(context, suite.server, site.workspaceId, site.token)
    const page = await context.newPage()
    await page.goto(path)
    const d = await suite.personAt(dedi.token, path)
    await live(page)
    await live(d.page)
    await page.getByTestId('attendance').getByText('Dedi').waitFor()
    await commands.run(session.id, dedi.token, { type: 'position.take', value: 'agree' })

    const form = page.getByTestId('on-behalf')
    await form.getByLabel('Peserta').selectOption({ label: 'Citra (Akademisi)' })
    await form.getByLabel('Cara sampainya kepada Anda').selectOption('paper')
    await form.getByLabel('Yang dicatat').selectOption('position')
    await form.getByLabel('Sikap mereka').selectOption('block')
    await form
      .getByLabel('Alasan (wajib untuk Keberatan dan Menolak)')
      .fill('Trotoar terlalu sempit.')
    await form.getByRole('button', { name: 'Catat' }).click()
    await form.getByText('Tercatat.').waitFor()
    await page.getByText('di kertas, dicatat oleh Fasilitator').first().waitFor()
    await d.page.getByText('on paper, recorded by Fasilitator').first().waitFor()
    // The gentle prompt speaks Indonesian too.
    await page.getByTestId('balance-prompt').getByText('Siapa yang kurang didengar').waitFor()
    expect(citra.participant.id).toBeTruthy()

    expect(await seriousViolations(page)).toEqual([])
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBe(390)
    await documentPage(page, 'phone-on-behalf', { fullPage: true })
    await context.close()
  }, 150_000)
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SessionEvent, SessionState } from '../../shared/src/schema/session.js'
import { newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api } from '../helpers/site.js'

let suite: BrowserSuite

// The default grace (4 s): a reload on a busy machine must still come back within it.
withBrowserSuite((started) => {
  suite = started
})

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const fitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
const reason = 'Pedagang kehilangan jalur bongkar muat.'

describe('anonymous positions and leaving in the session page', () => {
  it('a facilitator opens an anonymous proposal on a phone, three people take positions, the reveal shows counts and reasons without names, in English and Bahasa Indonesia', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const dewi = await site.join('stakeholder', 'Dewi', 'community')
    const eko = await site.join('stakeholder', 'Eko', 'community')
    const { session } = await sessions.open('Jalan Braga')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const facilitator = await suite.personAt(site.token, path)
    await facilitator.page.setViewportSize({ width: 390, height: 844 })
    // Ayu reads Bahasa Indonesia on her phone; Dewi reads English.
    const a = await newPerson(suite.browser, server, { locale: 'id-ID' })
    await a.page.setViewportSize({ width: 390, height: 844 })
    await signIn(a.context, server, site.workspaceId, ayu.token)
    await a.page.goto(path)
    const d = await suite.personAt(dewi.token, path)

    const form = facilitator.page.getByRole('form', { name: 'Open a proposal' })
    await form.getByLabel('Title').fill('Close Jalan Braga on Sundays')
    await form.getByLabel('Text of the proposal').fill('To cars, from 6 to 12.')
    await form.getByLabel('Anonymous positions', { exact: false }).check()
    expect(await seriousViolations(facilitator.page)).toEqual([])
    await button(facilitator.page, 'Open proposal').click()

    await a.page.getByTestId('anonymous-notice').waitFor()
    await button(a.page, 'Setuju').click()
    await a.page.getByText('Pilihan Anda: Setuju.', { exact: false }).waitFor()
    await d.page.getByLabel('Reason (needed for Object and Block)').fill(reason)
    await button(d.page, 'Object').click()
    await d.page.getByText('You chose: Object.', { exact: false }).waitFor()
    // Dewi changes her mind: this browser kept her receipt.
    await button(d.page, 'Agree').click()
    await d.page.getByText('You chose: Agree.', { exact: false }).waitFor()
    await sessions.run(session.id, eko.token, { type: 'attendance.join' })
    await sessions.run(session.id, eko.token, { type: 'position.take', value: 'object', reason })
    // The facilitator attends too, and may respond: three of four have.
    await facilitator.page.getByText('3 of 4 present have responded').waitFor()
    await expect(facilitator.page.getByTestId('anonymous-tally').count()).resolves.toBe(0)

    await button(facilitator.page, 'Reveal the results').click()
    for (const page of [facilitator.page, a.page, d.page]) {
      const totals = page.getByTestId('anonymous-totals')
      await totals.locator('[data-position="agree"]').getByText('2').waitFor()
      await totals.locator('[data-position="object"]').getByText('1').waitFor()
      await page.getByTestId('anonymous-reasons').getByText(reason, { exact: false }).waitFor()
      const results = (await page.getByTestId('anonymous-results').textContent()) ?? ''
      for (const name of ['Ayu', 'Dewi', 'Eko']) expect(results).not.toContain(name)
    }
    await a.page.getByText('Hasil sudah dibuka', { exact: false }).waitFor()
    await a.page.getByText('3 dari 4 yang hadir sudah menyatakan sikap').waitFor()
    for (const page of [facilitator.page, a.page]) {
      expect(await seriousViolations(page)).toEqual([])
      await fitsPhone(page)
    }
    await a.context.close()
  }, 150_000)

  it('a reload keeps a position and its receipt; on a shared phone the next person sees none of it and takes their own', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const dewi = await site.join('stakeholder', 'Dewi', 'community')
    const { session } = await sessions.open('Taman Lansia')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    await sessions.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Light the park at night',
      text: 'Until 22:00.',
      anonymous: true,
    })
    // The facilitator attends, neutral: on an anonymous proposal that is no one to wait for.
    await sessions.run(session.id, site.token, { type: 'attendance.join' })
    await sessions.run(session.id, site.token, {
      type: 'neutral.set',
      participantId: site.created.participant.id,
      neutral: true,
    })
    // One phone, passed from Ayu to Dewi.
    const phone = await newPerson(suite.browser, server)
    await signIn(phone.context, server, site.workspaceId, ayu.token)
    await phone.page.goto(path)
    await button(phone.page, 'Agree').click()
    await phone.page.getByText('You chose: Agree.', { exact: false }).waitFor()
    await phone.page.getByText('1 of 1 present have responded').waitFor()
    // Ayu reloads: her position shows and her receipt still changes it.
    await phone.page.reload()
    await phone.page.getByText('You chose: Agree.', { exact: false }).waitFor()
    await button(phone.page, 'Stand aside').click()
    await phone.page.getByText('You chose: Stand aside.', { exact: false }).waitFor()
    const responded = async () =>
      (
        await api<{ state: SessionState }>(server, 'GET', `/api/sessions/${session.id}`, {
          token: site.token,
        })
      ).state.proposal?.anonymousView?.responded
    expect(await responded()).toBe(1)

    await signIn(phone.context, server, site.workspaceId, dewi.token)
    await phone.page.reload()
    await phone.page.getByTestId('anonymous-notice').waitFor()
    await expect(phone.page.getByText('You chose:', { exact: false }).count()).resolves.toBe(0)
    await button(phone.page, 'Agree').click()
    await phone.page.getByText('You chose: Agree.', { exact: false }).waitFor()
    expect(await responded()).toBe(2)
    await phone.context.close()
  }, 120_000)

  it('a person who closes the page leaves the session promptly; a reload is not a leave', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const gita = await site.join('stakeholder', 'Gita', 'government')
    const { session } = await sessions.open('Pasar Baru')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const facilitator = await suite.personAt(site.token, path)
    await sessions.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Widen the pavement',
      text: 'On Jalan Pasar Baru.',
    })
    const g = await suite.personAt(gita.token, path)
    await facilitator.page.getByText('0 of 2 present have responded').waitFor()
    // Gita reloads: the page closes and comes straight back, within the grace.
    await g.page.reload()
    await g.page.getByTestId('proposal').waitFor()
    await button(g.page, 'Agree').click()
    await facilitator.page.getByText('1 of 2 present have responded').waitFor()
    // Now she closes it: the other page sees her gone, and the count with her.
    await g.page.close({ runBeforeUnload: true })
    await facilitator.page.getByText('0 of 1 present have responded').waitFor()
    const events = async () =>
      (
        await api<{ events: SessionEvent[] }>(server, 'GET', `/api/sessions/${session.id}/events`, {
          token: site.token,
        })
      ).events
    const hers = (await events()).filter(
      (event) =>
        event.actor.participantId === gita.participant.id &&
        event.command.type.startsWith('attendance.'),
    )
    // One arrival and one leave: the reload counted as neither.
    expect(hers.map((event) => event.command.type)).toEqual(['attendance.join', 'attendance.leave'])
  }, 120_000)
})

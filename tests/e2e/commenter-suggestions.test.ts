import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { api } from '../helpers/site.js'
import {
  caretToEnd,
  planContent,
  selectText,
  waitEditable,
  waitForText,
  waitSaved,
} from './editor-helpers.js'

let suite: BrowserSuite

withBrowserSuite((started) => {
  suite = started
})

const suggestionsTab = (page: Page, name = 'Suggestions') => page.getByRole('tab', { name }).click()

/** What the page says when the server refused this device's changes (4422). */
const rejectedNotice = 'Changes on this device were refused'

/** A new plan where the person holding `token` typed `line`, open on their page. */
const planWritten = async (title: string, token: string, line: string) => {
  const plan = await suite.site.document(title)
  const path = `/w/${suite.site.workspaceId}/d/${plan.id}`
  const author = await suite.personAt(token, path)
  await caretToEnd(author.page)
  await author.page.keyboard.type(line)
  await waitSaved(author.page)
  return { plan, path, author }
}

const allowSuggesting = async (documentId: string) =>
  await api(
    suite.server,
    'PATCH',
    `/api/workspaces/${suite.site.workspaceId}/documents/${documentId}`,
    { token: suite.site.token, body: { commentersMaySuggest: true } },
  )

/**
 * Ayu's new plan holding `line` (with "ten minutes" in it), open to Citra (commenter, citizen)
 * who may suggest: offline, she suggests "five" for "ten", which waits on her device.
 */
const suggestedOffline = async (title: string, line: string) => {
  const ayu = await suite.site.join('stakeholder', 'Ayu', 'business')
  const citra = await suite.site.join('commenter', 'Citra', 'citizen')
  const { plan, path, author: writer } = await planWritten(title, ayu.token, line)
  await allowSuggesting(plan.id)
  const commenter = await suite.personAt(citra.token, path)
  await waitForText(commenter.page, 'ten minutes')
  await commenter.page.getByText('You may suggest changes').waitFor()
  await waitEditable(commenter.page)
  await commenter.context.setOffline(true)
  await commenter.page.locator('output.badge[data-state="offline"]').waitFor()
  await selectText(commenter.page, 'ten')
  await commenter.page.keyboard.type('five')
  return { citra, plan, writer, commenter }
}

describe('commenters who suggest', () => {
  it('the facilitator allows it, a commenter suggests, a writer sees her name and group and accepts; a mention in its note reaches the bell', async () => {
    const { site } = suite
    const ayu = await site.join('stakeholder', 'Ayu', 'business')
    const citra = await site.join('commenter', 'Citra', 'citizen')
    const { path, author: facilitator } = await planWritten(
      'Bus plan',
      site.token,
      'Buses every ten minutes.',
    )

    // Citra is already reading when the facilitator lets commenters suggest: her page follows.
    const commenter = await suite.personAt(citra.token, path)
    await waitForText(commenter.page, 'ten minutes')
    await commenter.page.getByRole('note').getByText('you can comment on any passage').waitFor()
    await suggestionsTab(facilitator.page)
    // The box follows the server's answer, so it is clicked rather than checked.
    const allow = facilitator.page.getByRole('checkbox', { name: 'Commenters may suggest changes' })
    await allow.click()
    await facilitator.page.locator('.commenters-may-suggest input:checked').waitFor()
    await commenter.page.getByText('You may suggest changes').waitFor()
    await waitEditable(commenter.page)
    // Only wording: bold does nothing, typing over a word suggests the change.
    await selectText(commenter.page, 'ten')
    await commenter.page.keyboard.press('Control+b')
    await commenter.page.keyboard.type('five')
    await waitSaved(commenter.page)
    expect(await commenter.page.locator('.plan-text strong').count()).toBe(0)

    const writer = await suite.personAt(ayu.token, path)
    await writer.page.waitForFunction(
      () => document.querySelectorAll('.plan-text .suggestion').length === 2,
    )
    const insertion = writer.page.locator('.plan-text ins.suggestion')
    expect(await insertion.getAttribute('data-author-name')).toBe('Citra')
    expect(await insertion.getAttribute('data-group')).toBe('citizen')
    expect(await insertion.textContent()).toBe('five')

    // Her note on the suggestion: a comment thread on its text, with a mention.
    await suggestionsTab(commenter.page)
    await commenter.page
      .getByRole('button', {
        name: 'Comment on the suggestion: Add “five” (use @name to tell someone)',
      })
      .click()
    const field = commenter.page.getByLabel('Your comment')
    await field.fill('@Ayu five is what the operator can run.')
    await commenter.page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    await commenter.page
      .locator('.comment__text', { hasText: 'five is what the operator' })
      .waitFor()
    expect(await seriousViolations(commenter.page)).toEqual([])

    await writer.page.getByRole('button', { name: 'Notifications, 1 unread' }).click()
    await writer.page
      .getByRole('link', {
        name: 'Citra mentioned you: “@Ayu five is what the operator can run.”',
      })
      .waitFor()
    await writer.page.keyboard.press('Escape')
    await suggestionsTab(writer.page)
    const panel = writer.page.getByRole('region', { name: 'Suggestions' })
    await panel.getByRole('heading', { name: 'Citra (Citizen)' }).waitFor()
    await panel.getByRole('button', { name: 'Accept all from Citra' }).click()
    await waitSaved(writer.page)
    await commenter.page.waitForFunction(() => !document.querySelector('.plan-text .suggestion'))
    expect(await planContent(commenter.page)).toBe('Buses every five minutes.')
    expect(await planContent(facilitator.page)).toBe('Buses every five minutes.')
    expect(await seriousViolations(writer.page)).toEqual([])
    await Promise.all(
      [facilitator, commenter, writer].map(async (person) => await person.context.close()),
    )
  }, 180_000)

  it('not_suggestion_author: a suggestion Citra made offline as a citizen reaches the writer after the facilitator moved her to academia, and is accepted; once back online, what she suggests is under academia', async () => {
    const { site, server } = suite
    const { citra, writer, commenter } = await suggestedOffline(
      'Night bus plan',
      'Buses every ten minutes.',
    )
    // Meanwhile the facilitator moves her to another group.
    await api(
      server,
      'PATCH',
      `/api/workspaces/${site.workspaceId}/participants/${citra.participant.id}`,
      { token: site.token, body: { group: 'academia' } },
    )

    // The move closed none of her sockets (she had none): coming back, her page asks who she is.
    const askedAgain = commenter.page.waitForResponse(
      (response) => response.url().endsWith(`/api/workspaces/${site.workspaceId}/me`),
      { timeout: 20_000 },
    )
    await commenter.context.setOffline(false)
    await waitSaved(commenter.page)
    await writer.page.waitForFunction(
      () => document.querySelectorAll('.plan-text .suggestion').length === 2,
    )
    const insertion = writer.page.locator('.plan-text ins.suggestion')
    expect(await insertion.textContent()).toBe('five')
    // Written as a citizen: it keeps the group it was made under.
    expect(await insertion.getAttribute('data-group')).toBe('citizen')
    expect(await commenter.page.getByText(rejectedNotice).count()).toBe(0)
    // What she suggests now, online and without a reload, is under the group she has now.
    await askedAgain
    await caretToEnd(commenter.page)
    await commenter.page.keyboard.type(' Often.')
    await waitSaved(commenter.page)
    const online = writer.page.locator('.plan-text ins.suggestion', { hasText: 'Often.' })
    await online.waitFor()
    expect(await online.getAttribute('data-group')).toBe('academia')
    expect(await insertion.first().getAttribute('data-group')).toBe('citizen')
    await suggestionsTab(writer.page)
    await writer.page
      .getByRole('region', { name: 'Suggestions' })
      .getByRole('button', { name: 'Accept all from Citra' })
      .click()
    await waitSaved(writer.page)
    await commenter.page.waitForFunction(() => !document.querySelector('.plan-text .suggestion'))
    expect(await planContent(commenter.page)).toBe('Buses every five minutes. Often.')
    await Promise.all([writer.context.close(), commenter.context.close()])
  }, 180_000)

  it('read_only_room: a suggestion still waiting offline when the facilitator stops commenters suggesting is not saved; her page says so and lets her discard it', async () => {
    const { site } = suite
    const { plan, writer, commenter } = await suggestedOffline(
      'Ferry plan',
      'Ferries every ten minutes.',
    )
    await api(suite.server, 'PATCH', `/api/workspaces/${site.workspaceId}/documents/${plan.id}`, {
      token: site.token,
      body: { commentersMaySuggest: false },
    })

    // Back online, her connection is read-only: what she typed will never be saved.
    await commenter.context.setOffline(false)
    await commenter.page.getByRole('heading', { name: rejectedNotice }).waitFor()
    await commenter.page.getByText('You may no longer change this plan').waitFor()
    expect(await planContent(writer.page)).toBe('Ferries every ten minutes.')
    await commenter.page
      .getByRole('button', { name: "Discard this device's unsent changes" })
      .click()
    await waitForText(commenter.page, 'Ferries every ten minutes.')
    expect(await planContent(commenter.page)).toBe('Ferries every ten minutes.')
    expect(await commenter.page.getByText(rejectedNotice).count()).toBe(0)
    await Promise.all([writer.context.close(), commenter.context.close()])
  }, 180_000)

  it('not_suggestion_author: a commenter’s first words in an empty plan are a suggestion the writer sees', async () => {
    const { site } = suite
    const ayu = await site.join('stakeholder', 'Ayu', 'business')
    const dedi = await site.join('commenter', 'Dedi', 'academia')
    const plan = await site.document('Empty tram plan')
    await allowSuggesting(plan.id)
    const path = `/w/${site.workspaceId}/d/${plan.id}`
    const commenter = await suite.personAt(dedi.token, path)
    await commenter.page.getByText('You may suggest changes').waitFor()
    await caretToEnd(commenter.page)
    await commenter.page.keyboard.type('Trams at night.')
    await waitSaved(commenter.page)
    const writer = await suite.personAt(ayu.token, path)
    await writer.page.locator('.plan-text ins.suggestion').waitFor()
    expect(await writer.page.locator('.plan-text ins.suggestion').textContent()).toBe(
      'Trams at night.',
    )
    expect(await planContent(writer.page)).toBe('Trams at night.')
    expect(await commenter.page.getByText(rejectedNotice).count()).toBe(0)
    await Promise.all([writer.context.close(), commenter.context.close()])
  }, 180_000)

  it('suggesting as a commenter is in Bahasa Indonesia, axe-clean and fits a 390×844 phone', async () => {
    const { site, server, browser } = suite
    const dedi = await site.join('commenter', 'Dedi', 'academia')
    const plan = await site.document('Rencana air')
    await api(server, 'PATCH', `/api/workspaces/${site.workspaceId}/documents/${plan.id}`, {
      token: site.token,
      body: { commentersMaySuggest: true },
    })
    const phone = async (token: string) => {
      const context = await browser.newContext({
        baseURL: server.httpUrl,
        locale: 'id-ID',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      })
      await signIn(context, server, site.workspaceId, token)
      const page = await context.newPage()
      await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
      await waitEditable(page)
      return { context, page }
    }
    const facilitator = await phone(site.token)
    await caretToEnd(facilitator.page)
    await facilitator.page.keyboard.type('Air bersih.')
    await waitSaved(facilitator.page)
    await suggestionsTab(facilitator.page, 'Saran')
    await facilitator.page
      .getByRole('checkbox', { name: 'Pemberi komentar boleh menyarankan perubahan' })
      .waitFor()
    expect(await seriousViolations(facilitator.page)).toEqual([])

    const commenter = await phone(dedi.token)
    await commenter.page.getByText('Anda boleh menyarankan perubahan').waitFor()
    await caretToEnd(commenter.page)
    await commenter.page.keyboard.type(' Untuk semua.')
    await waitSaved(commenter.page)
    await suggestionsTab(commenter.page, 'Saran')
    const withdraw = commenter.page.getByRole('button', {
      name: 'Tarik kembali saran Anda: Tambah “ Untuk semua.”',
    })
    await withdraw.waitFor()
    expect(await seriousViolations(commenter.page)).toEqual([])
    expect(await commenter.page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    await withdraw.click()
    await waitSaved(commenter.page)
    await facilitator.page.waitForFunction(() => !document.querySelector('.plan-text .suggestion'))
    expect(await planContent(facilitator.page)).toBe('Air bersih.')
    await Promise.all([facilitator.context.close(), commenter.context.close()])
  }, 180_000)
})

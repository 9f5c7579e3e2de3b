import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { planText, selectText, waitEditable, waitSaved } from './editor-helpers.js'

let suite: BrowserSuite

withBrowserSuite((started) => {
  suite = started
})

describe('the notification bell', () => {
  it('counts up live when a session starts, links to it, and keeps what was read', async () => {
    const { server, site } = suite
    const ayu = await site.join('stakeholder', 'Ayu')
    const { page, context } = await suite.personAt(ayu.token, `/w/${site.workspaceId}`)
    const bell = page.getByRole('button', { name: /^Notifications/ })
    await bell.waitFor()
    expect(await bell.getAttribute('aria-label')).toBe('Notifications')
    // In the page's header, beside the language, not alone in a strip under it.
    expect(
      await page
        .getByRole('banner')
        .getByRole('button', { name: /^Notifications/ })
        .count(),
    ).toBe(1)
    // A drawn bell, not an emoji that machines without an emoji font show as an empty box.
    expect(await bell.textContent()).toBe('')
    expect((await bell.locator('svg').boundingBox())?.width).toBeGreaterThan(10)

    // Started elsewhere: the open page hears it without a reload.
    const { session } = await sessionCommands(server, site).open('Transit workshop')
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click()
    const link = page.getByRole('link', {
      name: 'Fasilitator started the session “Transit workshop”',
    })
    await link.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await link.click()
    await page.waitForURL(`**/w/${site.workspaceId}/s/${session.id}`)
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor()

    // In Bahasa Indonesia, after a reload: read stays read, and the next one is counted.
    await page.getByLabel('Language').selectOption('id')
    await sessionCommands(server, site).open('Lokakarya kedua')
    await page.getByRole('button', { name: 'Notifikasi, 1 belum dibaca' }).click()
    await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click()
    await page.getByRole('button', { name: 'Notifikasi', exact: true }).waitFor()
    await page.reload()
    await page.getByRole('button', { name: 'Notifikasi', exact: true }).waitFor()
    await context.close()
  })

  it('completes @name in a comment from the workspace’s members, and tells the one named', async () => {
    const { site } = suite
    const dewi = await site.join('stakeholder', 'Dewi Lestari')
    await site.join('stakeholder', 'Deni')
    const plan = await site.document('Mentioned plan')
    const writer = await suite.personAt(site.token, `/w/${site.workspaceId}/d/${plan.id}`)
    const { page } = writer
    await waitEditable(page)
    await planText(page).click()
    await page.keyboard.type('A depot on Jalan Merdeka.')
    await waitSaved(page)
    await selectText(page, 'Jalan Merdeka')
    await page.getByRole('button', { name: 'Comment', exact: true }).click()
    const field = page.getByLabel('Your comment')
    await field.pressSequentially('What do you think, @de')
    // Both names start so; typing on narrows it to one, which completes the name in place.
    await page.getByRole('button', { name: 'Mention Deni' }).waitFor()
    await field.pressSequentially('w')
    expect(await page.getByRole('button', { name: 'Mention Deni' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Mention Dewi Lestari' }).click()
    expect(await field.inputValue()).toBe('What do you think, @Dewi Lestari ')
    await field.pressSequentially('?')
    await page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    await page.locator('.comment__text', { hasText: '@Dewi Lestari ?' }).waitFor()

    const reader = await suite.personAt(dewi.token, `/w/${site.workspaceId}`)
    await reader.page.getByRole('button', { name: 'Notifications, 1 unread' }).click()
    await reader.page
      .getByRole('link', {
        name: 'Fasilitator mentioned you: “What do you think, @Dewi Lestari ?”',
      })
      .click()
    await reader.page.waitForURL(`**/w/${site.workspaceId}/d/${plan.id}`)
    await writer.context.close()
    await reader.context.close()
  }, 120_000)
})

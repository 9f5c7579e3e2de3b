import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { sessionCommands } from '../helpers/session-commands.js'

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
})

import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import { api, type Site } from '../helpers/site.js'
import { planText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

describe('languages and accessibility', () => {
  it('switching to Bahasa Indonesia changes the interface and is remembered after a reload', async () => {
    const { context, page } = await newPerson(browser, server)
    await page.goto('/')
    await page.getByRole('heading', { name: 'Start a workspace' }).waitFor()
    await page.getByLabel('Language').selectOption('id')
    await page.getByRole('heading', { name: 'Mulai ruang kerja' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('id')
    await page.reload()
    await page.getByRole('heading', { name: 'Mulai ruang kerja' }).waitFor()
    await page.getByRole('button', { name: 'Buat ruang kerja' }).waitFor()

    // The editor speaks Indonesian too.
    await signIn(context, server, site.workspaceId, site.token)
    const plan = await site.document('Rencana')
    await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
    await page.getByText('Terhubung dan tersimpan').waitFor()
    await page.getByRole('heading', { name: 'Komentar' }).waitFor()
    await context.close()
  })

  it('the start, join, workspace and editor pages have no serious or critical axe violations', async () => {
    const { context, page } = await newPerson(browser, server)
    await page.goto('/')
    await page.getByRole('heading', { name: 'Start a workspace' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const { invite } = await api<{ invite: { code: string } }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/invites`,
      { token: site.token, body: { role: 'commenter' } },
    )
    await page.goto(`/join/${invite.code}`)
    await page.getByRole('heading', { name: 'Join this workspace' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await signIn(context, server, site.workspaceId, site.token)
    await page.goto(`/w/${site.workspaceId}`)
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.getByRole('link', { name: 'Rencana' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const plan = await site.document('Accessible plan', 'smart-city-vision')
    await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
    await planText(page).getByText('Smart mobility').waitFor()
    await waitSaved(page)
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
})

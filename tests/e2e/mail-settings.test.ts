import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailSettings } from '../../shared/src/schema/mail.js'
import { launchBrowser, seriousViolations, signIn } from '../helpers/browser.js'
import { type MailSink, startMailSink } from '../helpers/mail-sink.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

describe('e-mail settings, from the bell, on a phone (390×844)', () => {
  let sink: MailSink
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    sink = await startMailSink()
    ;[server, browser] = await Promise.all([
      startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POLL_MS: '50' } }),
      launchBrowser(),
    ])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await sink?.stop()
    await removeDataDirs()
  })

  it('adds an address, confirms it by the link from the mail, and chooses the digest for mentions', async () => {
    const site = await Site.open(server)
    const ayu = await site.join('stakeholder', 'Ayu')
    const context = await browser.newContext({
      baseURL: server.httpUrl,
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    await signIn(context, server, site.workspaceId, ayu.token)
    const page = await context.newPage()
    await page.goto(`/w/${site.workspaceId}`)
    await page.getByRole('button', { name: /^Notifications/ }).click()
    await page.getByRole('button', { name: 'E-mail settings' }).click()

    const field = page.getByLabel('Your e-mail address')
    await field.fill('ayu@example.org')
    await page.getByRole('button', { name: 'Save address' }).click()
    await page.getByText('We sent a link to ayu@example.org').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // The link in the mail, followed in the same browser: a page that asks, then confirms.
    await waitFor(() => sink.to('ayu@example.org').length === 1, 'the verification mail')
    const link = /https?:\/\/\S+\/mail\/verify\?token=\S+/.exec(
      sink.to('ayu@example.org')[0]?.text ?? '',
    )?.[0]
    expect(link).toBeDefined()
    const confirm = await context.newPage()
    const violations: string[] = []
    confirm.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await confirm.goto(link ?? '')
    const button = confirm.getByRole('button', { name: 'Confirm this address' })
    // Styled as the app is (its own inline style, which the page's policy lets through).
    expect(await button.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(
      'rgb(30, 58, 95)',
    )
    expect(violations).toEqual([])
    await button.click()
    await confirm.getByText('Your address is confirmed').waitFor()
    await confirm.close()

    await page.getByRole('button', { name: 'I followed the link' }).click()
    await page.getByText('Mail goes to ayu@example.org.').waitFor()
    await page.getByLabel('Mentions of you').selectOption('digest')
    await page.getByText('Saved.').waitFor()
    const settings = await api<MailSettings>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/mail`,
      { token: ayu.token },
    )
    expect(settings).toMatchObject({ verified: true, choices: { mention: 'digest' } })
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // In Bahasa Indonesia the panel speaks it too.
    await page.getByRole('button', { name: 'Back to notifications' }).click()
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByLabel('Language').selectOption('id')
    await page.getByRole('button', { name: /^Notifikasi/ }).click()
    await page.getByRole('button', { name: 'Pengaturan surel' }).click()
    await page.getByText('Surel dikirim ke ayu@example.org.').waitFor()
    expect(await page.getByLabel('Sebutan nama Anda').inputValue()).toBe('digest')
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  }, 120_000)
})

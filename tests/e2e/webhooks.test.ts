import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { api } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

let suite: BrowserSuite
withBrowserSuite(
  (started) => {
    suite = started
  },
  { env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '50' } },
)

/** A real receiver that accepts everything, and counts it. */
let received = 0
const receiver = createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    received += 1
    response.end()
  })
})
let receiverUrl = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

describe('webhooks on the workspace page', () => {
  it('lets a facilitator register a URL, shows its secret once, and lists its deliveries', async () => {
    const { server, site } = suite
    const { page, context } = await suite.personAt(site.token, `/w/${site.workspaceId}`)
    const section = page.getByRole('region', { name: 'Webhooks' })
    await section.getByLabel('Receiver URL').fill(receiverUrl)
    await section.getByLabel('Version saved').check()
    await section.getByRole('button', { name: 'Register webhook' }).click()
    await section.getByText(/^Secret for/).waitFor()
    expect(await section.locator('code', { hasText: 'whsec_' }).count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])

    const plan = await site.document('Plan with a hook')
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'First draft' },
    })
    await section.getByRole('button', { name: 'Deliveries', exact: true }).click()
    const row = section.getByRole('row', { name: /Version saved/ })
    await row.waitFor()
    // Sent at once; the log is read when opened, so reopen until the answer shows.
    await expectEventually(async () => {
      await section.getByRole('button', { name: 'Hide deliveries' }).click()
      await section.getByRole('button', { name: 'Deliveries', exact: true }).click()
      return (await section.getByRole('row', { name: /Delivered/ }).count()) === 1
    })

    // Sending it again: the receiver gets the same delivery a second time.
    const before = received
    await section
      .getByRole('row', { name: /Delivered/ })
      .getByRole('button', { name: 'Send again' })
      .click()
    await waitFor(() => received > before, 'the delivery sent again to arrive')
    // The open log follows the delivery sent again until it is delivered, without a reload.
    await section.getByRole('row', { name: /Delivered/ }).waitFor()

    // Rolling the secret shows the new one once and says until when the old one still signs.
    const firstSecret = await section.locator('code', { hasText: 'whsec_' }).textContent()
    await section.getByRole('button', { name: 'Roll secret' }).click()
    await section.getByText(/The previous secret also signs each delivery until/).waitFor()
    const rolled = section.locator('code', { hasText: 'whsec_' })
    expect(await rolled.count()).toBe(1)
    expect(await rolled.textContent()).not.toBe(firstSecret)
    expect(await seriousViolations(page)).toEqual([])

    // The same page in Bahasa Indonesia.
    await page.getByLabel('Language').selectOption('id')
    const bagian = page.getByRole('region', { name: 'Webhook' })
    await bagian.getByRole('row', { name: /Terkirim/ }).waitFor()
    await bagian.getByRole('button', { name: 'Sembunyikan pengiriman' }).waitFor()
    await bagian.getByRole('button', { name: 'Ganti rahasia' }).waitFor()
    await bagian.getByText(/Rahasia sebelumnya juga menandatangani/).waitFor()
    await context.close()
  }, 120_000)
})

const expectEventually = async (check: () => Promise<boolean>) => {
  const deadline = Date.now() + 20_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the delivery log never showed it delivered')
  }
}

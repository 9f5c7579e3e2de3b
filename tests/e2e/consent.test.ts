import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { sessionCommands } from '../helpers/session-commands.js'

let suite: BrowserSuite

withBrowserSuite((started) => {
  suite = started
})

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const reason = 'Deliveries to the market have no other way in.'

describe('consent that respects a block, in the session page', () => {
  it('reason_required, unresolved_block: a Block says why, and adopting over it is confirmed in a dialog that names it', async () => {
    const { site, server } = suite
    const commands = sessionCommands(server, site)
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const { session } = await commands.open('Jalan Braga')
    await commands.run(session.id, budi.token, { type: 'attendance.join' })
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Close Jalan Braga to cars',
      text: 'On Sundays, from March.',
    })
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const [facilitator, b] = await Promise.all([
      suite.personAt(site.token, path),
      suite.personAt(budi.token, path),
    ])
    // The facilitator runs the close from a phone.
    await facilitator.page.setViewportSize({ width: 390, height: 844 })
    await b.page.getByTestId('proposal').getByText('Close Jalan Braga to cars').waitFor()
    // Who has responded, live for everyone; the facilitator also sees who has not.
    const count = (page: Page) => page.getByTestId('response-count').getByRole('status')
    for (const page of [facilitator.page, b.page]) {
      await count(page).getByText('0 of 2 present have responded').waitFor()
    }
    const waiting = facilitator.page.getByTestId('not-responded')
    await expect.poll(() => waiting.textContent()).toContain('Budi')
    expect(await b.page.getByTestId('not-responded').count()).toBe(0)
    // The rule the proposal is decided by, and what it suggests before closing.
    await b.page.getByTestId('decided-by').getByText('Decided by: Consent').waitFor()
    const suggestion = facilitator.page
      .getByRole('form', { name: 'Close the proposal' })
      .getByTestId('suggestion')
    await suggestion.getByText('The rule suggests: Deferred (no positions yet).').waitFor()

    // A Block without a reason is not sent: the page says why and puts the cursor there.
    await button(b.page, 'Block').click()
    await b.page.getByTestId('reason-missing').getByText('Say why').waitFor()
    const field = b.page.getByLabel('Reason (needed for Object and Block)')
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await b.page.getByTestId('my-position').count()).toBe(0)
    await field.fill(reason)
    await button(b.page, 'Block').click()
    await b.page.getByTestId('my-position').getByText('Block').waitFor()
    await facilitator.page.getByTestId('proposal').locator('q').getByText(reason).waitFor()
    await count(facilitator.page).getByText('1 of 2 present have responded').waitFor()
    expect(await waiting.textContent()).not.toContain('Budi')
    await suggestion.getByText('The rule suggests: Rejected (someone blocks).').waitFor()

    // "Close and record" as Adopted asks first, naming the block and its reason.
    await button(facilitator.page, 'Close and record').click()
    const dialog = facilitator.page.getByRole('dialog', {
      name: 'Adopt although people stand in its way?',
    })
    await dialog.waitFor()
    expect(await dialog.getByTestId('over-counts').textContent()).toBe('Blocks: 1 · Objections: 0')
    await dialog.getByTestId('dissent').getByText('Budi').waitFor()
    await dialog.getByTestId('dissent').locator('q').getByText(reason).waitFor()
    expect(await seriousViolations(facilitator.page)).toEqual([])
    expect(
      await facilitator.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390)
    // Cancelled: nothing is recorded, the proposal stays open.
    await button(facilitator.page, 'Cancel').click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await facilitator.page.getByTestId('decision').count()).toBe(0)
    await facilitator.page.getByTestId('proposal').waitFor()

    // Confirmed: adopted over the block, which everyone's decision log shows with its reason.
    await button(facilitator.page, 'Close and record').click()
    await button(facilitator.page, 'Adopt over them').click()
    for (const page of [facilitator.page, b.page]) {
      const decision = page.getByTestId('decision').filter({ hasText: 'Close Jalan Braga' })
      await decision
        .getByTestId('adopted-over')
        .getByText('Adopted over 1 block(s) and 0 objection(s), confirmed by the facilitator.')
        .waitFor()
      await decision.getByTestId('dissent').locator('q').getByText(reason).waitFor()
      await decision
        .getByTestId('suggestion')
        .getByText('For 0 · Against 1 · Stand aside 0 · 1 of 2 present responded')
        .waitFor()
      await page.getByText('No proposal is open.').waitFor()
    }
    expect(await seriousViolations(b.page)).toEqual([])
  })
})

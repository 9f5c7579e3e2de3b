import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentPage, seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import type { Site } from '../helpers/site.js'

let site: Site
let personAt: BrowserSuite['personAt']

withBrowserSuite((suite) => {
  ;({ site, personAt } = suite)
})

const tallyCell = (page: Page, group: string, position: string) =>
  page.locator(`[data-testid="tally"] tr[data-group="${group}"] td[data-position="${position}"]`)
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })

describe('a live session', () => {
  it('a facilitator runs a short session with two stakeholders: hands, floor, proposal, positions, decision', async () => {
    const [budi, sari] = await Promise.all([
      site.join('stakeholder', 'Budi', 'business'),
      site.join('stakeholder', 'Sari', 'academia'),
    ])
    const ayu = await personAt(site.token, `/w/${site.workspaceId}`)

    // The facilitator starts a workshop from the workspace home.
    const start = ayu.page.getByRole('form', { name: 'Start a session' })
    await start.getByLabel('Title').fill('Mobility workshop')
    await start.getByLabel('Kind').selectOption('workshop')
    // Side by side, the title box lines up with the kind beside it, though the kind has a hint.
    const [title, kind] = await Promise.all([
      start.getByLabel('Title').boundingBox(),
      start.getByLabel('Kind').boundingBox(),
    ])
    expect(Math.abs((title?.y ?? 0) - (kind?.y ?? 100))).toBeLessThan(2)
    expect(title?.height).toBeLessThan((kind?.height ?? 0) * 1.5)
    await start.getByRole('button', { name: 'Start session' }).click()
    await ayu.page.getByRole('heading', { name: 'Mobility workshop', level: 1 }).waitFor()
    const sessionPath = new URL(ayu.page.url()).pathname
    expect(sessionPath).toMatch(new RegExp(`^/w/${site.workspaceId}/s/`))

    const [b, s] = await Promise.all([
      personAt(budi.token, sessionPath),
      personAt(sari.token, sessionPath),
    ])
    const everyone = [ayu.page, b.page, s.page]
    for (const page of everyone) await page.getByTestId('live-status').getByText('Live').waitFor()
    // Straight from a link to the session, never on the workspace's home: the switcher has it.
    await expect
      .poll(() => b.page.getByRole('combobox', { name: 'Workspace', exact: true }).inputValue())
      .toBe(site.workspaceId)

    // A stakeholder sees no facilitator controls.
    await button(b.page, 'Raise hand').waitFor()
    for (const name of ['Next stage', 'Start timer', 'Next speaker', 'End session']) {
      expect(await button(b.page, name).count()).toBe(0)
    }
    expect(await b.page.getByRole('form', { name: 'Open a proposal' }).count()).toBe(0)
    expect(await b.page.getByTestId('facilitator-controls').count()).toBe(0)

    // Stage and timer: the stage change is announced; the timer counts down live.
    await button(ayu.page, 'Next stage').click()
    await b.page
      .getByTestId('stage-announcer')
      .getByText('Stage 2 of 6: Context and data')
      .waitFor()
    await expect.poll(() => b.page.getByTestId('timer').textContent()).toBe('20:00')
    await button(ayu.page, 'Start timer').click()
    await expect
      .poll(() => s.page.getByTestId('timer').textContent(), { timeout: 5000 })
      .toMatch(/^19:5\d$/)

    // Hands, in order; the floor goes to the first.
    await button(b.page, 'Raise hand').click()
    await ayu.page.getByTestId('queue').getByText('Budi').waitFor()
    await button(s.page, 'Raise hand').click()
    await ayu.page.getByTestId('queue').getByText('Sari').waitFor()
    await s.page.getByText('Your hand is raised (place 2).').waitFor()
    await button(ayu.page, 'Next speaker').click()
    for (const page of everyone) await page.getByTestId('speaker').getByText('Budi').waitFor()
    await b.page.getByText('You have the floor.').waitFor()

    // A proposal, and a position from each stakeholder, tallied by group everywhere.
    const open = ayu.page.getByRole('form', { name: 'Open a proposal' })
    await open.getByLabel('Title').fill('Bus lanes on Jalan Asia Afrika')
    await open.getByLabel('Text of the proposal').fill('Dedicated bus lanes from June.')
    await open.getByRole('button', { name: 'Open proposal' }).click()
    await b.page.getByTestId('proposal').getByText('Bus lanes on Jalan Asia Afrika').waitFor()
    await button(b.page, 'Agree').click()
    await s.page.getByTestId('proposal').getByText('Bus lanes on Jalan Asia Afrika').waitFor()
    await s.page.getByLabel('Reason (needed for Object and Block)').fill('Cyclists need room too.')
    await button(s.page, 'Agree with concerns').click()
    for (const page of everyone) {
      await tallyCell(page, 'academia', 'agree_with_concerns').getByText('1').waitFor()
      await tallyCell(page, 'business', 'agree').getByText('1').waitFor()
      expect(await tallyCell(page, 'business', 'object').textContent()).toBe('0')
      await page.locator('q').getByText('Cyclists need room too.').waitFor()
    }
    expect(await button(s.page, 'Agree with concerns').getAttribute('aria-pressed')).toBe('true')
    // Budi (business) has spoken; Sari's group is present but not heard yet.
    const balanceRow = (group: string) =>
      ayu.page.locator(`[data-testid="balance"] tr[data-group="${group}"]`)
    await balanceRow('academia').getByText('not heard yet').waitFor()
    expect(await balanceRow('business').getByText('not heard yet').count()).toBe(0)

    expect(await seriousViolations(ayu.page)).toEqual([])
    await documentPage(ayu.page, 'session', { fullPage: true })

    // Adopted: the decision is in everyone's log, with the chain verified.
    await button(ayu.page, 'Close and record').click()
    for (const page of everyone) {
      await page
        .getByTestId('decision')
        .filter({ hasText: 'Bus lanes on Jalan Asia Afrika' })
        // The meta line: the rule's suggestion below it names an outcome too.
        .locator('.decision__meta')
        .getByText(/Adopted/)
        .waitFor()
      await page.getByTestId('chain-badge').getByText('Chain verified ✓').waitFor()
      await page.getByText('No proposal is open.').waitFor()
    }
    // A proposal the room is not ready for is withdrawn: no decision, and the session moves on.
    await open.getByLabel('Title').fill('Park and ride at Cileunyi')
    await open.getByLabel('Text of the proposal').fill('A car park by the toll gate.')
    await open.getByRole('button', { name: 'Open proposal' }).click()
    await b.page.getByTestId('proposal').getByText('Park and ride at Cileunyi').waitFor()
    expect(await button(b.page, 'Withdraw').count()).toBe(0)
    await button(ayu.page, 'Withdraw').click()
    for (const page of everyone) await page.getByText('No proposal is open.').waitFor()
    expect(
      await ayu.page.getByTestId('decision').filter({ hasText: 'Park and ride' }).count(),
    ).toBe(0)
    // The minutes (Markdown) download with the browser's cookie and include the decision.
    const href = await b.page
      .getByRole('link', { name: 'Download the minutes (Markdown)' })
      .getAttribute('href')
    const minutes = await b.page.request.get(href ?? '')
    expect(minutes.status()).toBe(200)
    const text = await minutes.text()
    expect(text).toContain('Bus lanes on Jalan Asia Afrika')
    expect(text).toContain(
      '### Park and ride at Cileunyi\n\nA car park by the toll gate.\n\nOutcome: Withdrawn',
    )
    expect(await seriousViolations(b.page)).toEqual([])

    // Ended, it says so, not "Live": on the session page and in the workspace home's list.
    await button(ayu.page, 'End session').click()
    await button(ayu.page, 'Yes, end it').click()
    for (const page of everyone) {
      await expect
        .poll(() => page.getByTestId('live-status').textContent())
        .toMatch(/^Ended \d\d:\d\d$/)
    }
    await b.page.getByRole('link', { name: '← Workspace' }).click()
    await b.page
      .getByRole('listitem')
      .filter({ hasText: 'Mobility workshop' })
      .getByTestId('session-ended')
      .waitFor()
    await Promise.all([ayu.context.close(), b.context.close(), s.context.close()])
  }, 150_000)
})

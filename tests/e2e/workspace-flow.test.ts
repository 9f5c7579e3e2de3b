import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentPage, newPerson } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import {
  planContent,
  planText,
  selectText,
  waitEditable,
  waitForText,
  waitSaved,
} from './editor-helpers.js'

let server: TestServer
let browser: Browser

withBrowserSuite((suite) => {
  ;({ server, browser } = suite)
})

/** Creates an invite from the workspace home and answers its link. */
const invite = async (
  page: Page,
  role: string,
  group?: string,
  maxUses?: number,
): Promise<string> => {
  const links = page.getByTestId('invite-link')
  const before = await links.count()
  await page.getByLabel('Role', { exact: true }).selectOption(role)
  await page.getByLabel('Stakeholder group').selectOption(group ?? '')
  await page.getByLabel('Max uses').fill(maxUses === undefined ? '' : String(maxUses))
  await page.getByRole('button', { name: 'Create invite link' }).click()
  await links.nth(before).waitFor()
  return (await links.nth(before).inputValue()).replace(server.httpUrl, '')
}

/** Joins on the open join page (whatever group was chosen on it stays). */
const join = async (page: Page, name: string) => {
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('heading', { name: 'Bandung Smart Mobility 2030' }).waitFor()
}

describe('a facilitator runs a workspace in the browser', () => {
  it('creates a workspace, invites two people with different roles; all three co-write and comment', async () => {
    const ayu = await newPerson(browser, server)
    await ayu.page.goto('/')
    await ayu.page.getByRole('heading', { name: /Co-write the city/ }).waitFor()
    await documentPage(ayu.page, 'start')
    await ayu.page.getByLabel('Workspace name').fill('Bandung Smart Mobility 2030')
    await ayu.page
      .getByLabel('What it is for')
      .fill('Co-writing the mobility vision with all five helices.')
    await ayu.page.getByLabel('Your name').fill('Ayu')
    // No group is preset: the form asks for one rather than guessing.
    await ayu.page.getByRole('button', { name: 'Create workspace' }).click()
    expect(
      await ayu.page
        .getByLabel('Your stakeholder group')
        .evaluate((select: HTMLSelectElement) => select.validity.valueMissing),
    ).toBe(true)
    expect(new URL(ayu.page.url()).pathname).toBe('/')
    await ayu.page.getByLabel('Your stakeholder group').selectOption('government')
    await ayu.page.getByRole('button', { name: 'Create workspace' }).click()
    await ayu.page.getByText('You are Ayu, facilitator').waitFor()
    // The token stays in the HttpOnly cookie: nothing readable by scripts holds it.
    const cookies = await ayu.context.cookies()
    expect(cookies.find((cookie) => cookie.name.startsWith('mufakat_'))?.httpOnly).toBe(true)
    const stored = await ayu.page.evaluate(() => JSON.stringify({ ...localStorage }))
    expect(stored).not.toContain(cookies[0]?.value ?? 'no cookie')

    const stakeholderLink = await invite(ayu.page, 'stakeholder', 'business')
    const commenterLink = await invite(ayu.page, 'commenter', undefined, 1)
    await ayu.page.getByText('used 0 of 1').waitFor()
    // The link as a QR code, drawn as SVG, to scan off a projector.
    await ayu.page.getByText('QR code', { exact: true }).last().click()
    const qr = ayu.page.getByRole('img', { name: 'QR code of the invite link' }).last()
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg')
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/)

    const onlineCount = (page: Page) => page.getByTestId('online-count').textContent()
    const budi = await newPerson(browser, server)
    await budi.page.goto(stakeholderLink)
    await budi.page.getByText('You will join as stakeholder.').waitFor()
    await documentPage(budi.page, 'join')
    await join(budi.page, 'Budi')
    // Ayu's open home page shows the newcomer and the invite's use without a reload.
    await ayu.page.getByTestId('person').filter({ hasText: 'Budi' }).waitFor()
    await ayu.page.getByText('used 1×').waitFor()
    const citra = await newPerson(browser, server)
    await citra.page.goto(commenterLink)
    // The join page presets no group either, and requires one.
    expect(await citra.page.getByLabel('Your stakeholder group').inputValue()).toBe('')
    await citra.page.getByLabel('Your stakeholder group').selectOption('academia')
    await join(citra.page, 'Citra')
    await ayu.page.getByText('used 1 of 1').waitFor()
    // The audit log names who did it, live too.
    await ayu.page
      .getByTestId('audit-entry')
      .filter({ hasText: 'Citra: Joined through an invite' })
      .waitFor()
    // Three people, three online: counted from presence, on everyone's page.
    for (const page of [ayu.page, budi.page, citra.page]) {
      await expect.poll(() => onlineCount(page)).toBe('3 online now')
    }

    // Ayu creates the plan from the smart-city template and opens it.
    await ayu.page
      .getByRole('form', { name: 'New document' })
      .getByLabel('Title')
      .fill('Mobility vision')
    await ayu.page.getByRole('button', { name: 'Create and open' }).click()
    await planText(ayu.page).waitFor()
    await waitForText(ayu.page, 'Mobility')

    // The others see it appear on their open workspace home, without a reload; Ayu, now in the
    // document, still counts as online.
    for (const person of [budi, citra]) {
      await person.page.getByRole('link', { name: 'Mobility vision' }).waitFor()
      await expect.poll(() => onlineCount(person.page)).toBe('3 online now')
    }
    for (const person of [budi, citra]) {
      await person.page.getByRole('link', { name: 'Mobility vision' }).click()
      await planText(person.page).waitFor()
    }
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.press('Control+End')
    await ayu.page.keyboard.type(' Ayu: a bus every five minutes.')
    await waitEditable(budi.page)
    await planText(budi.page).click()
    await budi.page.keyboard.press('Control+End')
    await budi.page.keyboard.press('Enter')
    await budi.page.keyboard.type('Budi: shared e-bikes near stations.')
    await waitForText(citra.page, 'a bus every five minutes.')
    await waitForText(citra.page, 'shared e-bikes near stations.')

    await selectText(citra.page, 'shared e-bikes')
    await citra.page.getByRole('button', { name: 'Comment', exact: true }).click()
    await citra.page.getByLabel('Your comment').fill('Who maintains them?')
    await citra.page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    await budi.page.locator('.comment__text', { hasText: 'Who maintains them?' }).waitFor()
    await budi.page.getByPlaceholder('Reply…').fill('The operator, under contract.')
    await budi.page.getByRole('button', { name: 'Reply' }).click()
    await ayu.page.locator('.comment__text', { hasText: 'The operator, under contract.' }).waitFor()
    // Budi goes back to writing, so his caret shows again.
    await waitEditable(budi.page)
    await planText(budi.page).click()
    await budi.page.keyboard.press('Control+End')
    await citra.page
      .locator('.comment__text', { hasText: 'The operator, under contract.' })
      .waitFor()

    for (const page of [ayu.page, budi.page, citra.page]) await waitSaved(page)
    const text = await planContent(ayu.page)
    expect(await planContent(budi.page)).toBe(text)
    expect(await planContent(citra.page)).toBe(text)

    // Both carets visible on Ayu's screen for the screenshot of the editor.
    await ayu.page.locator('.collab-caret', { hasText: 'Budi' }).waitFor()
    await ayu.page.locator('.comment-highlight').first().click()
    await documentPage(ayu.page, 'editor')

    await ayu.page.getByRole('link', { name: '← Workspace' }).click()
    await ayu.page.getByText('Budi', { exact: false }).first().waitFor()
    await ayu.page.getByTestId('person').filter({ hasText: 'Citra' }).waitFor()
    await documentPage(ayu.page, 'workspace-home')
    await Promise.all([ayu.context.close(), budi.context.close(), citra.context.close()])
  })
})

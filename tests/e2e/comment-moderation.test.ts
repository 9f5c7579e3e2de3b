import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Role } from '../../shared/src/schema/people.js'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { commentOn, planText, waitEditable, waitForText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

const openAs = async (documentId: string, token: string) => {
  const person = await newPerson(browser, server)
  await signIn(person.context, server, site.workspaceId, token)
  await person.page.goto(`/w/${site.workspaceId}/d/${documentId}`)
  await planText(person.page).waitFor()
  return person
}

const join = async (role: Role, name: string) => (await site.join(role, name)).token

describe('editing and removing comments in the browser', () => {
  it('an author edits and deletes their own comment; a facilitator removes someone else’s after confirming', async () => {
    const plan = await site.document('Moderated plan')
    const facilitator = await openAs(plan.id, site.token)
    await waitEditable(facilitator.page)
    await planText(facilitator.page).click()
    await facilitator.page.keyboard.type('Bus lanes on every main road.')
    await waitSaved(facilitator.page)
    const ayu = await openAs(plan.id, await join('stakeholder', 'Ayu'))
    const budi = await openAs(plan.id, await join('commenter', 'Budi'))
    await waitForText(ayu.page, 'every main road')

    await commentOn(ayu.page, 'every main road', 'Which roads frist?')
    const ayuComment = (page: typeof ayu.page, text: string) =>
      page.locator('.comment', { hasText: text })
    await ayuComment(budi.page, 'Which roads frist?').waitFor()
    // Budi may reply, and has no way to edit or remove Ayu's comment.
    await budi.page.getByPlaceholder('Reply…').fill('Start with Jalan Asia Afrika.')
    await budi.page.getByRole('button', { name: 'Reply', exact: true }).click()
    await ayuComment(ayu.page, 'Start with Jalan Asia Afrika.').waitFor()
    for (const name of ['Edit', 'Delete', 'Remove']) {
      expect(
        await ayuComment(budi.page, 'Which roads frist?').getByRole('button', { name }).count(),
      ).toBe(0)
    }

    // Ayu corrects her comment: everyone sees the new text, marked edited.
    await ayuComment(ayu.page, 'Which roads frist?').getByRole('button', { name: 'Edit' }).click()
    await ayu.page.getByLabel('Edit your comment').fill('Which roads first?')
    await ayu.page.getByRole('button', { name: 'Save' }).click()
    const edited = ayuComment(budi.page, 'Which roads first?')
    await edited.waitFor()
    expect(await edited.textContent()).toContain('edited')

    // She adds a reply and deletes it again.
    await ayu.page.getByPlaceholder('Reply…').fill('Never mind this one.')
    await ayu.page.getByRole('button', { name: 'Reply', exact: true }).click()
    await ayuComment(budi.page, 'Never mind this one.').waitFor()
    await ayuComment(ayu.page, 'Never mind this one.')
      .getByRole('button', { name: 'Delete' })
      .click()
    await ayuComment(budi.page, 'Never mind this one.').waitFor({ state: 'detached' })

    // The facilitator removes Budi's reply, after confirming.
    await ayuComment(facilitator.page, 'Start with Jalan Asia Afrika.')
      .getByRole('button', { name: 'Remove' })
      .click()
    const dialog = facilitator.page.getByRole('dialog', { name: 'Remove the comment by Budi?' })
    await dialog.getByRole('button', { name: 'Remove comment' }).click()
    for (const page of [budi.page, ayu.page, facilitator.page]) {
      await ayuComment(page, 'Start with Jalan Asia Afrika.').waitFor({ state: 'detached' })
      await ayuComment(page, 'Which roads first?').waitFor()
      expect(await page.getByText('Changes on this device were refused').count()).toBe(0)
    }
    const entries = await site.audit()
    expect(entries.filter((entry) => entry.action === 'comments.moderated')).toMatchObject([
      { actorId: site.created.participant.id, details: { room: plan.commentsRoom } },
    ])
    await Promise.all([facilitator, ayu, budi].map(({ context }) => context.close()))
  })
})

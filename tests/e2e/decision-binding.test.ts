import { describe, expect, it } from 'vitest'
import type { Publication } from '../../shared/src/schema/publication.js'
import type { SessionState } from '../../shared/src/schema/session.js'
import { documentPage, seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'

let server: TestServer
let site: Site
let personAt: BrowserSuite['personAt']

withBrowserSuite((suite) => {
  ;({ server, site, personAt } = suite)
})

const plan = (trams: string) => [
  paragraph(text('Buses every ten minutes.')),
  paragraph(text(`Trams reach the ${trams}.`)),
]

describe('a decision on a plan in the browser', () => {
  it('the session page shows the frozen version, that the plan moved on, and the approved text with its difference; so does the public page', async () => {
    const document = await site.document('Transit plan')
    const writer = connectClient(server, document.room, { params: { token: site.token } })
    const reader = connectClient(server, document.room, { params: { token: site.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    write(writer, plan('north'))
    await saved(writer, reader)

    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Transit workshop')
    const opened = await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Adopt the transit plan',
      text: 'Adopt the plan as it reads now.',
      documentId: document.id,
    })
    const versionId = opened.state.proposal?.versionId as string

    const budi = await site.join('stakeholder', 'Budi', 'business')
    const { page } = await personAt(budi.token, `/w/${site.workspaceId}/s/${session.id}`)
    const frozen = page.getByTestId('frozen-version')
    await frozen
      .getByText(`You are deciding on version ${versionId.slice(0, 8)} of “Transit plan”`)
      .waitFor({ timeout: 30_000 })
    await frozen.getByText('The live plan still reads exactly as this version.').waitFor()

    // The plan moves on while the proposal is open: the page says so, with what changed.
    write(writer, plan('south'))
    await saved(writer, reader)
    await frozen.getByText(/The live plan has changed since this version was frozen/).waitFor({
      timeout: 30_000,
    })
    const marked = (op: 'added' | 'removed') =>
      frozen.locator(`.diff-word--${op} .diff-text`).allTextContents()
    expect((await marked('removed')).map((word) => word.trim())).toEqual(['north.'])
    expect((await marked('added')).map((word) => word.trim())).toEqual(['south.'])
    await documentPage(page, 'frozen-version', { fullPage: true })

    // The position the page sends is on the frozen version.
    await page.getByRole('button', { name: 'Agree', exact: true }).click()
    await page.getByTestId('my-position').waitFor()
    const { state } = await api<{ state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    expect(state.proposal?.positions).toEqual([
      expect.objectContaining({ name: 'Budi', value: 'agree', versionId }),
    ])

    await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decision = page.getByTestId('decision').filter({ hasText: 'Adopt the transit plan' })
    const approved = decision.getByTestId('approved-text')
    await approved
      .getByText('This browser recomputed the hash of the approved text: it matches the record.')
      .waitFor({ timeout: 30_000 })
    await approved.getByText('Difference from today’s plan').waitFor()
    expect(
      (await approved.locator('.diff-word--removed .diff-text').allTextContents()).map((word) =>
        word.trim(),
      ),
    ).toEqual(['north.'])
    await approved.getByText('Approved text', { exact: true }).click()
    await approved.getByText('Trams reach the north.', { exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await documentPage(page, 'approved-text', { fullPage: true })

    // Published with names, the public page shows the same, checked in the reader's browser.
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${site.workspaceId}/publication`,
      { token: site.token, body: { published: true, anonymised: false }, expect: 200 },
    )
    const reader2 = await personAt(undefined, `/p/${publication.publicId}`)
    const published = reader2.page
      .getByTestId('public-record')
      .filter({ hasText: 'Adopt the transit plan' })
      .getByTestId('approved-text')
    await published
      .getByText('This browser recomputed the hash of the approved text: it matches the record.')
      .waitFor({ timeout: 30_000 })
    expect(
      (await published.locator('.diff-word--added .diff-text').allTextContents()).map((word) =>
        word.trim(),
      ),
    ).toEqual(['south.'])
    expect(await seriousViolations(reader2.page)).toEqual([])
  })
})

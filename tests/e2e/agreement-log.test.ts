import { describe, expect, it } from 'vitest'
import type { Publication } from '../../shared/src/schema/publication.js'
import { newPerson, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { draftAgreement, openMediation, signedByBoth } from '../helpers/mediation.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

let suite: BrowserSuite

withBrowserSuite((started) => {
  suite = started
})

describe('a signed agreement whose rows were edited behind the server', () => {
  it('is shown as its log holds it, with a warning, on the public page and the agreement page', async () => {
    const { server, browser } = suite
    const scene = await openMediation(server)
    const signed = await signedByBoth(server, scene, await draftAgreement(server, scene))
    const { url } = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.facilitator.token, body: { published: true, anonymised: false } },
    )
    // Another participant put in as the residents' signer.
    const db = openStore(server.dataDir)
    db.prepare(
      `UPDATE signature SET participant_id = ?, name = 'Forged Signer'
       WHERE agreement_id = ? AND party_id = ?`,
    ).run(scene.outsiders.stakeholder.participant.id, signed.id, scene.residents.id)
    db.close()

    const reader = await newPerson(browser, server)
    await reader.page.goto(url ?? '')
    const warning = reader.page.getByTestId('log-mismatch')
    await warning.waitFor()
    expect(await warning.textContent()).toContain('signatures')
    await reader.page.getByText('signed by Rina Kusuma', { exact: false }).waitFor()
    expect(await reader.page.content()).not.toContain('Forged Signer')

    const member = await newPerson(browser, server)
    await signIn(member.context, server, scene.site.workspaceId, scene.rina.token)
    await member.page.goto(`/w/${scene.site.workspaceId}/a/${signed.id}`)
    await member.page.getByTestId('log-mismatch').waitFor()
    await member.page.getByText('Rina Kusuma').first().waitFor()
    expect(await member.page.content()).not.toContain('Forged Signer')
  }, 90_000)
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Agreement,
  agreementText,
  type DraftAgreementBody,
} from '../../shared/src/schema/mediation.js'
import type { ChainRecord } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import {
  agreementBody,
  signedByBoth as bothSign,
  draftAgreement,
  inDays,
  type MediationScene,
  openMediation,
  type Person,
  signAgreement,
} from '../helpers/mediation.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

type Refusal = {
  error: { code: string; details?: { rule?: string; path?: string }[] | { rule?: string } }
}
const ruleOf = (refusal: Refusal) => (refusal.error.details as { rule?: string }).rule

describe('agreements', () => {
  let server: TestServer
  let scene: MediationScene
  const draftBody = (overrides: Partial<DraftAgreementBody> = {}) => agreementBody(scene, overrides)
  const draft = (overrides: Partial<DraftAgreementBody> = {}) =>
    draftAgreement(server, scene, overrides)
  const refusedDraft = (overrides: Partial<DraftAgreementBody>) =>
    api<Refusal>(server, 'POST', `/api/sessions/${scene.session.id}/agreements`, {
      token: scene.mediator.token,
      body: draftBody(overrides),
      expect: 409,
    })
  const sign = (agreement: Agreement, person: Person, expect = 200, textHash?: string) =>
    signAgreement(server, agreement, person, expect, textHash)
  const signedByBoth = (agreement: Agreement) => bothSign(server, scene, agreement)
  const verify = () =>
    api<ChainVerification>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/records/verify`,
      {
        token: scene.rina.token,
      },
    )

  beforeAll(async () => {
    server = await startServer()
    scene = await openMediation(server)
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('is drafted by the mediator, with owners from the parties', async () => {
    const path = `/api/sessions/${scene.session.id}/agreements`
    for (const person of [scene.budi, scene.facilitator, scene.outsiders.otherMediator]) {
      await api(server, 'POST', path, { token: person.token, body: draftBody(), expect: 403 })
    }
    const outsider = await api<Refusal>(server, 'POST', path, {
      token: scene.mediator.token,
      body: draftBody({
        terms: [
          { text: 'x', ownerId: scene.outsiders.stakeholder.participant.id, dueDate: inDays(30) },
        ],
      }),
      expect: 400,
    })
    expect(outsider.error.details).toEqual([
      { path: 'terms.0.ownerId', message: 'the owner must represent a party, or be the mediator' },
    ])
    const malformed = await api<Refusal>(server, 'POST', path, {
      token: scene.mediator.token,
      body: {
        title: '',
        terms: [{ text: 'x', ownerId: scene.budi.participant.id, dueDate: '1 March' }],
      },
      expect: 400,
    })
    expect(
      (malformed.error.details as { path: string }[]).map((detail) => detail.path).sort(),
    ).toEqual(['terms.0.dueDate', 'title'])
    const agreement = await draft()
    expect(agreement).toMatchObject({ status: 'draft', signatures: [], amends: null })
    expect(agreement.parties.map((party) => party.name)).toEqual([
      'Kota Transit (operator)',
      "Merdeka residents' association",
    ])
    expect(agreement.text).toContain(`Owner: Budi Santoso. Due: ${inDays(365)}.`)
    expect(agreement.textHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it("is signed by each party's own representatives, once, on the text they saw", async () => {
    const agreement = await draft()
    // Not a representative of a party: refused, whatever the role.
    for (const person of [scene.mediator, scene.facilitator, scene.outsiders.stakeholder]) {
      expect((await sign(agreement, person, 403)).error.code).toBe('forbidden')
    }
    // A hash of some other text: the signer did not see this agreement.
    expect(ruleOf(await sign(agreement, scene.budi, 409, 'a'.repeat(64)))).toBe('text_changed')
    await sign(agreement, scene.budi, 400, 'not a hash')

    const half = (await sign(agreement, scene.budi)).agreement
    expect(half.status).toBe('draft')
    expect(half.signatures).toMatchObject([
      { partyName: 'Kota Transit (operator)', name: 'Budi Santoso', textHash: agreement.textHash },
    ])
    // The same party does not sign twice, by the same or another representative.
    expect(ruleOf(await sign(agreement, scene.budi, 409))).toBe('party_already_signed')
    expect(ruleOf(await sign(agreement, scene.sari, 409))).toBe('party_already_signed')

    // An edit withdraws signatures given to the earlier text, and changes the hash.
    const edited = (
      await api<{ agreement: Agreement }>(server, 'PATCH', `/api/agreements/${agreement.id}`, {
        token: scene.mediator.token,
        body: { ...draftBody({ title: 'Bus depot: operating terms (revised)' }) },
      })
    ).agreement
    expect(edited.signatures).toEqual([])
    expect(edited.textHash).not.toBe(agreement.textHash)
    expect(ruleOf(await sign(edited, scene.rina, 409, agreement.textHash))).toBe('text_changed')

    await sign(edited, scene.sari)
    const signed = (await sign(edited, scene.rina)).agreement
    expect(signed.status).toBe('signed')
    expect(signed.signatures.map((signature) => signature.name).sort()).toEqual([
      'Rina Kusuma',
      'Sari Wijaya',
    ])
    expect(signed.recordSequence).toBeGreaterThan(0)

    // Signed: nothing changes any more, and the text is in the chain with its hash.
    const change = await api<Refusal>(server, 'PATCH', `/api/agreements/${agreement.id}`, {
      token: scene.mediator.token,
      body: draftBody({ title: 'Sneaky change' }),
      expect: 409,
    })
    expect(ruleOf(change)).toBe('agreement_signed')
    expect(ruleOf(await sign(signed, scene.budi, 409))).toBe('agreement_signed')
    // Someone who may not sign at all is told so, not that it is signed already.
    expect((await sign(signed, scene.outsiders.stakeholder, 403)).error.code).toBe('forbidden')
    const { records, people } = await api<{
      records: ChainRecord[]
      people: Record<string, string>
    }>(server, 'GET', `/api/workspaces/${scene.site.workspaceId}/records`, {
      token: scene.outsiders.observer.token,
    })
    const record = records.find((item) => item.id === agreement.id)
    expect(record).toMatchObject({
      kind: 'agreement',
      title: signed.title,
      preamble: signed.preamble,
      textHash: signed.textHash,
    })
    // The record names each owner by commitment: with the names beside it, it renders the text.
    if (record?.kind !== 'agreement' || 'text' in record) throw new Error('a new agreement record')
    const terms = record.terms.map((term) => ({ ...term, ownerName: people[term.owner] ?? '' }))
    expect(agreementText({ ...record, terms })).toBe(signed.text)
    expect(JSON.stringify(record)).not.toContain(scene.budi.participant.displayName)
    // Each party's signature is a record of its own, over the hash of that text.
    const signatures = records.filter(
      (item) => item.kind === 'signature' && item.agreementId === agreement.id,
    )
    expect(signatures.map((item) => item.kind === 'signature' && item.textHash)).toEqual([
      signed.textHash,
      signed.textHash,
    ])
    expect(await verify()).toMatchObject({ ok: true })
  })

  itSqliteOnly('is amended only by a new agreement that references the signed one', async () => {
    const original = await signedByBoth(await draft({ title: 'Depot access road' }))
    const unsigned = await draft({ title: 'Unsigned' })
    expect(ruleOf(await refusedDraft({ amends: unsigned.id }))).toBe('amends_unsigned')

    const first = await signedByBoth(
      await draft({ title: 'Access road, amended', amends: original.id }),
    )
    expect(first.amends).toBe(original.id)
    expect(first.text).toContain(`Amends agreement ${original.id}.`)
    const after = await api<{ agreement: Agreement }>(
      server,
      'GET',
      `/api/agreements/${original.id}`,
      {
        token: scene.rina.token,
      },
    )
    expect(after.agreement).toMatchObject({
      status: 'signed',
      amendedBy: first.id,
      text: original.text,
    })
    // One line of amendments: the amended agreement is not amended again; its amendment is.
    expect(ruleOf(await refusedDraft({ amends: original.id }))).toBe('already_amended')
    const second = await signedByBoth(
      await draft({ title: 'Access road, second amendment', amends: first.id }),
    )

    const { records } = await api<{ records: ChainRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${scene.site.workspaceId}/records`,
      { token: scene.rina.token },
    )
    const chained = records.filter((record) =>
      [original.id, first.id, second.id].includes(record.id),
    )
    expect(chained.map((record) => record.kind === 'agreement' && record.amends)).toEqual([
      null,
      original.id,
      first.id,
    ])
    const sequences = chained.map((record) => record.sequence)
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    expect(await verify()).toMatchObject({ ok: true, count: records.length })

    // Changing a signed agreement behind the server's back breaks the chain at that record.
    const setDueDate = (date: string) => {
      const db = openStore(server.dataDir)
      db.prepare(
        "UPDATE chain_record SET record = json_set(record, '$.terms[0].dueDate', ?) WHERE id = ?",
      ).run(date, first.id)
      db.close()
    }
    setDueDate('2030-12-31')
    expect(await verify()).toMatchObject({
      ok: false,
      firstInvalid: { id: first.id, problem: 'its content does not match its hash' },
    })
    // Put back as signed, the chain holds again.
    setDueDate(first.terms[0]?.dueDate ?? '')
    expect(await verify()).toMatchObject({ ok: true })
  })

  it('lets only one of two competing amendments be signed', async () => {
    const original = await signedByBoth(await draft({ title: 'Depot lighting' }))
    const first = await draft({ title: 'Lighting, amended by the operator', amends: original.id })
    const second = await draft({ title: 'Lighting, amended by the residents', amends: original.id })
    await sign(second, scene.rina)
    await signedByBoth(first)
    // The other amendment cannot be completed any more, and says why (never a 500).
    expect(ruleOf(await sign(second, scene.budi, 409))).toBe('already_amended')
    const after = await api<{ agreement: Agreement }>(
      server,
      'GET',
      `/api/agreements/${second.id}`,
      { token: scene.rina.token },
    )
    expect(after.agreement.status).toBe('draft')
    expect(await verify()).toMatchObject({ ok: true })
  })

  it('goes into the minutes of the mediation with its parties and caucuses, never their content', async () => {
    await api(server, 'POST', `/api/sessions/${scene.session.id}/caucuses`, {
      token: scene.mediator.token,
      body: { partyId: scene.residents.id, title: 'Night noise, privately' },
    })
    const signed = await signedByBoth(await draft({ title: 'Depot gate hours' }))
    const response = await fetch(`${server.httpUrl}/api/sessions/${scene.session.id}/minutes`, {
      headers: { authorization: `Bearer ${scene.outsiders.observer.token}` },
    })
    const minutes = await response.text()
    expect(minutes).toContain(
      '## Parties\n\n- Kota Transit (operator): Budi Santoso, Sari Wijaya\n',
    )
    expect(minutes).toMatch(
      /## Caucuses\n\n- with Merdeka residents' association: \d{1,2} \w{3} \d{4}, \d\d:\d\d to —/,
    )
    expect(minutes).not.toContain('Night noise, privately')
    expect(minutes).toContain(
      `- Depot gate hours: Signed (record #${signed.recordSequence}), text sha256 ${signed.textHash}`,
    )
    expect(minutes).toContain("  - signed for Merdeka residents' association by Rina Kusuma,")
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agreement, DraftAgreementBody } from '../../shared/src/schema/mediation.js'
import {
  signedByBoth as bothSign,
  draftAgreement,
  type MediationScene,
  openMediation,
  type Person,
} from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api } from '../helpers/site.js'

type Refusal = { error: { code: string; details?: { rule?: string } } }
const ruleOf = (refusal: Refusal) => refusal.error.details?.rule

describe('follow-up of signed terms', () => {
  let server: TestServer
  let scene: MediationScene
  const draft = (overrides: Partial<DraftAgreementBody> = {}) =>
    draftAgreement(server, scene, overrides)
  const signedByBoth = (agreement: Agreement) => bothSign(server, scene, agreement)
  const status = (
    agreement: Agreement,
    termId: string,
    person: Person,
    body: unknown,
    expect = 200,
  ) =>
    api<{ agreement: Agreement } & Refusal>(
      server,
      'POST',
      `/api/agreements/${agreement.id}/terms/${termId}/status`,
      { token: person.token, body, expect },
    )

  beforeAll(async () => {
    server = await startServer()
    scene = await openMediation(server)
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('follows each term up with a history, by its owner or the mediator; overdue when late', async () => {
    const pending = await draft({ title: 'Monitoring' })
    const [noise, committee] = pending.terms
    if (!noise || !committee) throw new Error('two terms expected')
    expect(ruleOf(await status(pending, noise.id, scene.budi, { status: 'done' }, 409))).toBe(
      'not_signed',
    )
    const signed = await signedByBoth(pending)
    const terms = signed.terms
    expect(signed.followUp).toEqual([
      { termId: terms[0]?.id, status: 'open', overdue: false, history: [] },
      // Due a month ago and still open: overdue.
      { termId: terms[1]?.id, status: 'open', overdue: true, history: [] },
    ])
    const [first, second] = terms.map((term) => term.id) as [string, string]
    // Not the owner: Rina does not report on the operator's term, nor an observer on anything.
    await status(signed, first, scene.rina, { status: 'done' }, 403)
    await status(signed, first, scene.outsiders.observer, { status: 'done' }, 403)
    await status(signed, first, scene.budi, { status: 'finished' }, 400)
    await status(signed, first, scene.budi, {
      status: 'done',
      note: 'Charging window set in the depot software.',
    })
    await status(signed, second, scene.rina, { status: 'done', note: 'Named: Ani and Joko.' })
    const last = (
      await status(signed, second, scene.mediator, {
        status: 'missed',
        note: 'Joko withdrew; one seat empty.',
      })
    ).agreement
    const [one, two] = last.followUp
    expect(one).toMatchObject({ status: 'done', overdue: false })
    expect(one?.history).toMatchObject([
      { status: 'done', name: 'Budi Santoso', note: 'Charging window set in the depot software.' },
    ])
    expect(two).toMatchObject({ status: 'missed', overdue: false })
    expect(two?.history.map((entry) => [entry.status, entry.name])).toEqual([
      ['done', 'Rina Kusuma'],
      ['missed', 'Maya Mediator'],
    ])
    // Follow-up is not a change of the agreement: its text and hash stay.
    expect(last.textHash).toBe(signed.textHash)
  })

  it("no longer reports an amended agreement's terms as overdue: the amendment's count", async () => {
    const original = await signedByBoth(await draft({ title: 'Bus stop shelters' }))
    expect(original.followUp.map((term) => term.overdue)).toEqual([false, true])
    const amendment = await signedByBoth(
      await draft({ title: 'Shelters, amended', amends: original.id }),
    )
    const { agreement } = await api<{ agreement: Agreement }>(
      server,
      'GET',
      `/api/agreements/${original.id}`,
      { token: scene.rina.token },
    )
    expect(agreement.amendedBy).toBe(amendment.id)
    expect(agreement.followUp.map((term) => term.overdue)).toEqual([false, false])
    expect(amendment.followUp.map((term) => term.overdue)).toEqual([false, true])
    // Its terms are followed up in the amendment now, not in the amended agreement.
    const [oldTerm] = agreement.terms
    const refused = await status(agreement, oldTerm?.id ?? '', scene.budi, { status: 'done' }, 409)
    expect(ruleOf(refused)).toBe('agreement_amended')
    await status(amendment, amendment.terms[0]?.id ?? '', scene.budi, { status: 'done' })
  })

  it("takes follow-up of others' terms from a mediator who is no longer one", async () => {
    const signed = await signedByBoth(await draft({ title: 'Depot signage' }))
    const termOfRina = signed.terms[1]?.id ?? ''
    const role = (value: string) =>
      api(
        server,
        'PATCH',
        `/api/workspaces/${scene.site.workspaceId}/participants/${scene.mediator.participant.id}`,
        { token: scene.facilitator.token, body: { role: value } },
      )
    await role('observer')
    await status(signed, termOfRina, scene.mediator, { status: 'missed' }, 403)
    await role('mediator')
    await status(signed, termOfRina, scene.mediator, { status: 'missed' })
  })
})

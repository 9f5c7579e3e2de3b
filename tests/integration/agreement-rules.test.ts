import { describe, expect, it } from 'vitest'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import type {
  Agreement,
  DraftAgreementBody,
  MediationRule,
} from '../../shared/src/schema/mediation.js'
import type { Session } from '../../shared/src/schema/session.js'
import {
  agreementBody,
  draftAgreement,
  mediationServer,
  type Person,
  signAgreement,
  signedByBoth,
} from '../helpers/mediation.js'
import { refusal, ruleOf } from '../helpers/refusal.js'
import { api } from '../helpers/site.js'

/**
 * The rules of agreements (docs/spec.md, Agreements): one test per rule, named by its id, the
 * refusal next to the case the rule allows, on the bus-depot mediation.
 */
describe('agreement rules', () => {
  const context = mediationServer()
  const scene = () => context.scene
  const draft = (overrides: Partial<DraftAgreementBody> = {}) =>
    draftAgreement(context.server, scene(), overrides)
  const signed = async (title: string) =>
    signedByBoth(context.server, scene(), await draft({ title }))
  /** The refusal of a signature by `person` (with the hash it was shown, or `textHash`). */
  const refusedSignature = async (
    agreement: Agreement,
    person: Person,
    status: number,
    textHash?: string,
  ) => (await signAgreement(context.server, agreement, person, status, textHash)).error
  const sign = (agreement: Agreement, person: Person) =>
    signAgreement(context.server, agreement, person)
  const termStatus = (agreement: Agreement, person: Person, status: number) =>
    api<{ agreement: Agreement; error: { details?: unknown } }>(
      context.server,
      'POST',
      `/api/agreements/${agreement.id}/terms/${agreement.terms[0]?.id}/status`,
      { token: person.token, body: { status: 'done' }, expect: status },
    )
  const refusedDraft = (overrides: Partial<DraftAgreementBody>) =>
    refusal(
      context.server,
      'POST',
      `/api/sessions/${scene().session.id}/agreements`,
      { token: scene().mediator.token, body: agreementBody(scene(), overrides) },
      409,
    )

  it('no_parties: an agreement needs at least two parties', async () => {
    const { session } = await api<{ session: Session }>(
      context.server,
      'POST',
      `/api/workspaces/${scene().site.workspaceId}/sessions`,
      { token: scene().mediator.token, body: { title: 'Too early', kind: 'mediation' } },
    )
    const party = (name: string, person: Person) =>
      api(context.server, 'POST', `/api/sessions/${session.id}/parties`, {
        token: scene().mediator.token,
        body: { name, participantIds: [person.participant.id] },
      })
    const path = `/api/sessions/${session.id}/agreements`
    const body = agreementBody(scene())
    await party('Operator', scene().budi)
    const error = await refusal(
      context.server,
      'POST',
      path,
      { token: scene().mediator.token, body },
      409,
    )
    expect(ruleOf(error)).toBe('no_parties' satisfies MediationRule)
    await party('Residents', scene().rina)
    await api(context.server, 'POST', path, { token: scene().mediator.token, body })
  })

  it('signer_not_party: only a representative of a party signs, for that party', async () => {
    const agreement = await draft()
    for (const person of [scene().mediator, scene().facilitator, scene().outsiders.stakeholder]) {
      const error = await refusedSignature(agreement, person, 403)
      expect(ruleOf(error), person.participant.displayName).toBe(
        'signer_not_party' satisfies AccessRule,
      )
    }
    const half = (await sign(agreement, scene().sari)).agreement
    expect(half.signatures.map((signature) => signature.partyName)).toEqual([
      'Kota Transit (operator)',
    ])
  })

  it('text_changed: a signature is given only to the exact text the signer was shown', async () => {
    const agreement = await draft()
    const error = await refusedSignature(agreement, scene().budi, 409, 'a'.repeat(64))
    expect(ruleOf(error)).toBe('text_changed' satisfies MediationRule)
    // An edit changes the hash: a signature over the earlier text is refused.
    const edited = (
      await api<{ agreement: Agreement }>(
        context.server,
        'PATCH',
        `/api/agreements/${agreement.id}`,
        { token: scene().mediator.token, body: agreementBody(scene(), { title: 'Revised' }) },
      )
    ).agreement
    expect(ruleOf(await refusedSignature(edited, scene().rina, 409, agreement.textHash))).toBe(
      'text_changed',
    )
    expect((await sign(edited, scene().rina)).agreement.signatures).toHaveLength(1)
  })

  it('party_already_signed: each party signs once, by any one of its representatives', async () => {
    const agreement = await draft()
    await sign(agreement, scene().budi)
    for (const person of [scene().budi, scene().sari]) {
      const error = await refusedSignature(agreement, person, 409)
      expect(ruleOf(error), person.participant.displayName).toBe(
        'party_already_signed' satisfies MediationRule,
      )
    }
    expect((await sign(agreement, scene().rina)).agreement.status).toBe('signed')
  })

  it('agreement_signed: a signed agreement never changes; it is amended by a new one', async () => {
    const agreement = await signed('Fixed')
    const change = await refusal(
      context.server,
      'PATCH',
      `/api/agreements/${agreement.id}`,
      { token: scene().mediator.token, body: agreementBody(scene(), { title: 'Sneaky' }) },
      409,
    )
    expect(ruleOf(change)).toBe('agreement_signed' satisfies MediationRule)
    expect(ruleOf(await refusedSignature(agreement, scene().budi, 409))).toBe('agreement_signed')
    const amendment = await draft({ title: 'Fixed, amended', amends: agreement.id })
    expect(amendment.amends).toBe(agreement.id)
  })

  it('amends_unsigned: only a signed agreement can be amended', async () => {
    const unsigned = await draft({ title: 'Unsigned' })
    expect(ruleOf(await refusedDraft({ amends: unsigned.id }))).toBe(
      'amends_unsigned' satisfies MediationRule,
    )
    await sign(unsigned, scene().budi)
    await sign(unsigned, scene().rina)
    await draft({ title: 'Now amendable', amends: unsigned.id })
  })

  it('already_amended: an agreement is amended once; its amendment is amended next', async () => {
    const original = await signed('Lighting')
    const first = await draft({ title: 'Lighting, by the operator', amends: original.id })
    const second = await draft({ title: 'Lighting, by the residents', amends: original.id })
    await sign(second, scene().rina)
    await signedByBoth(context.server, scene(), first)
    expect(ruleOf(await refusedSignature(second, scene().budi, 409))).toBe(
      'already_amended' satisfies MediationRule,
    )
    expect(ruleOf(await refusedDraft({ amends: original.id }))).toBe('already_amended')
    await draft({ title: 'Lighting, amended again', amends: first.id })
  })

  it('not_signed: terms are followed up only once the agreement is signed', async () => {
    const pending = await draft({ title: 'Pending' })
    expect(ruleOf((await termStatus(pending, scene().budi, 409)).error)).toBe(
      'not_signed' satisfies MediationRule,
    )
    const agreement = await signedByBoth(context.server, scene(), pending)
    await termStatus(agreement, scene().budi, 200)
  })

  it("agreement_amended: an amended agreement's terms are followed up on its amendment", async () => {
    const original = await signed('Monitoring')
    const amendment = await signedByBoth(
      context.server,
      scene(),
      await draft({ title: 'Monitoring, amended', amends: original.id }),
    )
    expect(ruleOf((await termStatus(original, scene().budi, 409)).error)).toBe(
      'agreement_amended' satisfies MediationRule,
    )
    await termStatus(amendment, scene().budi, 200)
  })

  it('not_term_owner: a term is followed up only by its owner or the mediator', async () => {
    // The first term is Budi's (the operator's).
    const agreement = await signed('Owners')
    for (const person of [scene().rina, scene().outsiders.observer]) {
      const error = (await termStatus(agreement, person, 403)).error
      expect(ruleOf(error), person.participant.displayName).toBe(
        'not_term_owner' satisfies AccessRule,
      )
    }
    await termStatus(agreement, scene().budi, 200)
    await termStatus(agreement, scene().mediator, 200)
  })
})

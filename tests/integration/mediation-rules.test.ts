import { describe, expect, it } from 'vitest'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import type { Caucus, MediationRule, Party } from '../../shared/src/schema/mediation.js'
import type { Session } from '../../shared/src/schema/session.js'
import { readBoard } from '../../shared/src/ydoc/mediation-board.js'
import { boardRoomName } from '../../shared/src/ydoc/rooms.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { mediationServer, type Person } from '../helpers/mediation.js'
import { refusal, ruleOf } from '../helpers/refusal.js'
import { api } from '../helpers/site.js'

/**
 * The rules of mediation (docs/spec.md, Mediation): one test per rule, named by its id, the
 * refusal next to the case the rule allows, on the bus-depot mediation.
 */
describe('mediation rules', () => {
  const context = mediationServer()
  const scene = () => context.scene
  const ids = (...people: Person[]) => people.map((person) => person.participant.id)
  const parties = (session: { id: string }) => `/api/sessions/${session.id}/parties`
  const newMediation = async (title: string) =>
    (
      await api<{ session: Session }>(
        context.server,
        'POST',
        `/api/workspaces/${scene().site.workspaceId}/sessions`,
        { token: scene().mediator.token, body: { title, kind: 'mediation' } },
      )
    ).session
  const party = (session: Session, name: string, members: Person[]) =>
    api<{ party: Party }>(context.server, 'POST', parties(session), {
      token: scene().mediator.token,
      body: { name, participantIds: ids(...members) },
    })
  const refusedParty = (session: Session, name: string, members: Person[], status: number) =>
    refusal(
      context.server,
      'POST',
      parties(session),
      { token: scene().mediator.token, body: { name, participantIds: ids(...members) } },
      status,
    )
  const openCaucus = async (party: Party) =>
    (
      await api<{ caucus: Caucus }>(
        context.server,
        'POST',
        `/api/sessions/${scene().session.id}/caucuses`,
        { token: scene().mediator.token, body: { partyId: party.id } },
      )
    ).caucus
  const board = (person: Person, command: unknown, status: number) =>
    api<{ error?: { details?: unknown } }>(
      context.server,
      'POST',
      `/api/sessions/${scene().session.id}/board`,
      { token: person.token, body: command, expect: status },
    )
  const issueOnBoard = async (title: string): Promise<string> => {
    await board(scene().budi, { type: 'issue.add', title }, 200)
    const room = boardRoomName(scene().session.id)
    const reader = connectClient(context.server, room, { params: { token: scene().budi.token } })
    await waitForSynced(reader)
    const issue = readBoard(reader.doc).find((item) => item.title === title)
    reader.destroy()
    if (!issue) throw new Error(`the issue "${title}" on the board`)
    return issue.id
  }

  it('not_mediation: parties, caucuses and the board belong to mediation sessions only', async () => {
    const { session: workshop } = await api<{ session: Session }>(
      context.server,
      'POST',
      `/api/workspaces/${scene().site.workspaceId}/sessions`,
      { token: scene().mediator.token, body: { title: 'Workshop', kind: 'workshop' } },
    )
    const path = `/api/sessions/${workshop.id}/mediation`
    const error = await refusal(context.server, 'GET', path, { token: scene().mediator.token }, 409)
    expect(ruleOf(error)).toBe('not_mediation' satisfies MediationRule)
    expect(ruleOf(await refusedParty(workshop, 'Operator', [scene().budi], 409))).toBe(
      'not_mediation',
    )
    await api(context.server, 'GET', `/api/sessions/${scene().session.id}/mediation`, {
      token: scene().mediator.token,
    })
  })

  it('member_of_two_parties: a participant represents only one party of a mediation', async () => {
    const session = await newMediation('Two parties')
    await party(session, 'Operator', [scene().budi, scene().sari])
    const error = await refusedParty(session, 'Residents', [scene().rina, scene().sari], 409)
    expect(ruleOf(error)).toBe('member_of_two_parties' satisfies MediationRule)
    await party(session, 'Residents', [scene().rina])
  })

  it('mediator_not_party: the mediator stays neutral and never represents a party', async () => {
    const session = await newMediation('Neutral')
    const error = await refusedParty(session, 'Operator', [scene().budi, scene().mediator], 409)
    expect(ruleOf(error)).toBe('mediator_not_party' satisfies MediationRule)
    await party(session, 'Operator', [scene().budi])
  })

  it('caucus_closed: a closed caucus cannot be closed again', async () => {
    const caucus = await openCaucus(scene().residents)
    const close = (status: number) =>
      refusal(
        context.server,
        'POST',
        `/api/caucuses/${caucus.id}/close`,
        { token: scene().mediator.token },
        status,
      )
    await api(context.server, 'POST', `/api/caucuses/${caucus.id}/close`, {
      token: scene().mediator.token,
      expect: 200,
    })
    expect(ruleOf(await close(409))).toBe('caucus_closed' satisfies MediationRule)
  })

  it('not_the_mediator: only the mediator who opened the session names parties and closes caucuses', async () => {
    const session = await newMediation('Whose mediation')
    for (const person of [scene().outsiders.otherMediator, scene().facilitator]) {
      const error = await refusal(
        context.server,
        'POST',
        parties(session),
        { token: person.token, body: { name: 'Operator', participantIds: ids(scene().budi) } },
        403,
      )
      expect(ruleOf(error), person.participant.displayName).toBe(
        'not_the_mediator' satisfies AccessRule,
      )
    }
    const caucus = await openCaucus(scene().residents)
    // Rina may enter her party's caucus, but only its mediator closes it.
    const close = `/api/caucuses/${caucus.id}/close`
    const error = await refusal(context.server, 'POST', close, { token: scene().rina.token }, 403)
    expect(ruleOf(error)).toBe('not_the_mediator' satisfies AccessRule)
    await api(context.server, 'POST', close, { token: scene().mediator.token, expect: 200 })
  })

  it('not_in_caucus: a caucus is open only to its mediator and its party', async () => {
    const caucus = await openCaucus(scene().residents)
    const path = `/api/caucuses/${caucus.id}`
    for (const person of [scene().budi, scene().facilitator, scene().outsiders.otherMediator]) {
      const error = await refusal(context.server, 'GET', path, { token: person.token }, 403)
      expect(ruleOf(error), person.participant.displayName).toBe(
        'not_in_caucus' satisfies AccessRule,
      )
    }
    for (const person of [scene().mediator, scene().rina]) {
      await api(context.server, 'GET', path, { token: person.token })
    }
  })

  it('not_entry_author: an issue or option on the board is removed only by its author or the mediator', async () => {
    const issueId = await issueOnBoard('Diesel fumes')
    const removal = { type: 'issue.remove', issueId }
    const error = await board(scene().rina, removal, 403)
    expect(ruleOf(error.error ?? {})).toBe('not_entry_author' satisfies AccessRule)
    await board(scene().budi, removal, 200)
  })

  it("not_party_representative: a party's interests are stated only by its representatives or the mediator", async () => {
    const issueId = await issueOnBoard('Night charging')
    const interest = (text: string) => ({
      type: 'interest.set',
      issueId,
      partyId: scene().residents.id,
      text,
    })
    const error = await board(scene().budi, interest('Build it anyway'), 403)
    expect(ruleOf(error.error ?? {})).toBe('not_party_representative' satisfies AccessRule)
    await board(scene().rina, interest('Quiet after 22:00'), 200)
    await board(scene().mediator, interest('Quiet after 22:00, as noted'), 200)
  })
})

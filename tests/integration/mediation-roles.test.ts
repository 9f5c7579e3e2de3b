import { describe, expect, it } from 'vitest'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import type { DecisionRecord } from '../../shared/src/schema/decision.js'
import type { Party } from '../../shared/src/schema/mediation.js'
import type {
  Session,
  SessionCommand,
  SessionRule,
  SessionState,
} from '../../shared/src/schema/session.js'
import { mediationServer } from '../helpers/mediation.js'
import { pollCommands } from '../helpers/polls.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api } from '../helpers/site.js'

/**
 * Roles in a mediation (docs/spec.md): only its mediator runs it, and the facilitation team can
 * be marked neutral and left out of balance and tallies.
 */
describe('roles in a mediation', () => {
  const context = mediationServer()
  const scene = () => context.scene
  const commands = () => sessionCommands(context.server, scene().site)

  it('mediator_runs_session: a facilitator who represents a party takes part but runs none of the controls; the mediator does', async () => {
    const { site, mediator, facilitator, rina } = scene()
    const { session } = await api<{ session: Session }>(
      context.server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: mediator.token, body: { title: 'Depot lighting', kind: 'mediation' } },
    )
    // The workspace's facilitator speaks for the city: a party of this mediation.
    await api<{ party: Party }>(context.server, 'POST', `/api/sessions/${session.id}/parties`, {
      token: mediator.token,
      body: { name: 'City transport office', participantIds: [facilitator.participant.id] },
    })
    await api<{ party: Party }>(context.server, 'POST', `/api/sessions/${session.id}/parties`, {
      token: mediator.token,
      body: { name: 'Residents', participantIds: [rina.participant.id] },
    })
    const controls: SessionCommand[] = [
      { type: 'stage.advance' },
      { type: 'timer.start' },
      { type: 'agenda.stage.add', title: 'Site visit', minutes: 15 },
      { type: 'proposal.open', title: 'Lights off at 22:00', text: 'Dim the depot lights.' },
      { type: 'neutral.set', participantId: mediator.participant.id, neutral: true },
      { type: 'session.end' },
    ]
    for (const command of controls) {
      const error = await commands().refused(session.id, facilitator.token, command, 403)
      expect(error.details, command.type).toMatchObject({
        rule: 'mediator_runs_session' satisfies AccessRule,
        role: 'facilitator',
      })
    }
    // Taking part stays open to them, as to any party's representative.
    await commands().run(session.id, facilitator.token, { type: 'attendance.join' })
    await commands().run(session.id, facilitator.token, { type: 'hand.raise' })
    // The mediator runs it; nothing the facilitator tried reached the room.
    const { state } = await commands().run(session.id, mediator.token, { type: 'stage.advance' })
    expect(state.stage).toBe(1)
    expect(state.agenda.map((item) => item.title)).not.toContain('Site visit')
    expect(state.timer.running).toBe(false)
    // Another mediator of the workspace does not run it either.
    const other = await commands().refused(
      session.id,
      scene().outsiders.otherMediator.token,
      { type: 'stage.advance' },
      403,
    )
    expect(other.details).toMatchObject({ rule: 'mediator_runs_session' satisfies AccessRule })
  })

  it('mediator_runs_session: a facilitator who represents a party records nothing for someone else and runs no poll in the mediation', async () => {
    const { site, mediator, facilitator, rina } = scene()
    const { session } = await api<{ session: Session }>(
      context.server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: mediator.token, body: { title: 'Depot noise', kind: 'mediation' } },
    )
    await api(context.server, 'POST', `/api/sessions/${session.id}/parties`, {
      token: mediator.token,
      body: { name: 'City transport office', participantIds: [facilitator.participant.id] },
    })
    await api(context.server, 'POST', `/api/sessions/${session.id}/parties`, {
      token: mediator.token,
      body: { name: 'Residents', participantIds: [rina.participant.id] },
    })
    const { state } = await commands().run(session.id, mediator.token, {
      type: 'proposal.open',
      title: 'Lights off at 22:00',
      text: 'Dim the depot lights.',
    })
    // Rina (the other party) is not online: the city's representative would speak for her.
    const forRina = { participantId: rina.participant.id, channel: 'phone' } as const
    const onBehalf: SessionCommand[] = [
      { type: 'position.take', value: 'agree', proposalId: state.proposal?.id, onBehalf: forRina },
      { type: 'contribution.add', kind: 'comment', text: 'Fine by us.', onBehalf: forRina },
    ]
    for (const command of onBehalf) {
      const error = await commands().refused(session.id, facilitator.token, command, 403)
      expect(error.details, command.type).toMatchObject({
        rule: 'mediator_runs_session' satisfies AccessRule,
      })
    }
    const polls = pollCommands(context.server)
    const refusedPoll = await polls.refused(
      session.id,
      facilitator.token,
      { type: 'poll.open', poll: { title: 'Which hour?', kind: 'single', options: ['21', '22'] } },
      403,
    )
    expect(refusedPoll.details).toMatchObject({
      rule: 'mediator_runs_session' satisfies AccessRule,
    })
    // Nothing reached the session: no position, no contribution, no poll.
    const { state: after } = await api<{ state: SessionState }>(
      context.server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: mediator.token },
    )
    expect(after.proposal?.positions ?? []).toEqual([])
    expect(JSON.stringify(after)).not.toContain('Fine by us.')
    expect(await polls.list(session.id, mediator.token)).toEqual([])
    // The mediator records for Rina and opens the poll.
    await commands().run(session.id, mediator.token, onBehalf[0] as SessionCommand)
    await polls.open(session.id, mediator.token, {
      title: 'Which hour?',
      kind: 'single',
      options: ['21', '22'],
    })
  })

  it('not_facilitation_team: only facilitators and mediators are marked neutral, and the neutral are left out of balance and tallies', async () => {
    const { site, facilitator, budi, rina, outsiders } = scene()
    const { session } = await commands().open('Depot noise workshop')
    const run = (token: string, command: SessionCommand) =>
      commands().run(session.id, token, command)
    for (const person of [facilitator, budi, rina]) {
      await run(person.token, { type: 'attendance.join' })
    }
    // A stakeholder is not on the facilitation team: refused, nothing marked.
    const error = await commands().refused(
      session.id,
      facilitator.token,
      { type: 'neutral.set', participantId: budi.participant.id, neutral: true },
      409,
    )
    expect(error.details).toMatchObject({ rule: 'not_facilitation_team' satisfies SessionRule })
    // A stakeholder cannot mark anyone, not even the facilitator.
    await commands().refused(
      session.id,
      outsiders.stakeholder.token,
      { type: 'neutral.set', participantId: facilitator.participant.id, neutral: true },
      403,
    )
    const marked = await run(facilitator.token, {
      type: 'neutral.set',
      participantId: facilitator.participant.id,
      neutral: true,
    })
    expect(marked.state.neutral).toEqual([facilitator.participant.id])

    // The neutral facilitator's floor counts no turn and no speaking time; Rina's does.
    await run(facilitator.token, { type: 'floor.give', participantId: facilitator.participant.id })
    await run(facilitator.token, { type: 'floor.give', participantId: rina.participant.id })
    const spoken = await run(facilitator.token, { type: 'floor.end' })
    expect(spoken.state.balance.turns).toEqual({ community: 1 })
    expect(Object.keys(spoken.state.balance.speakingMs)).toEqual(['community'])

    // Their position is shown but not counted, and the decision's tally leaves them out.
    const { state: opened } = await run(facilitator.token, {
      type: 'proposal.open',
      title: 'Quiet hours',
      text: 'No deliveries after 22:00.',
    })
    const proposalId = opened.proposal?.id
    await run(facilitator.token, { type: 'position.take', value: 'stand_aside' })
    await run(budi.token, { type: 'position.take', value: 'agree' })
    const taken = await run(rina.token, { type: 'position.take', value: 'agree' })
    expect(taken.state.balance.positions).toEqual({ business: 1, community: 1 })
    await run(facilitator.token, { type: 'proposal.close', outcome: 'adopted', proposalId })
    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      context.server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: facilitator.token },
    )
    const decision = decisions.find((item) => item.title === 'Quiet hours')
    expect(decision?.positionsByGroup).toEqual({ business: { agree: 1 }, community: { agree: 1 } })
    expect(decision?.suggestion?.tally).toMatchObject({ for: 2, against: 0, present: 2 })

    // Unmarked, they count again.
    const unmarked = await run(facilitator.token, {
      type: 'neutral.set',
      participantId: facilitator.participant.id,
      neutral: false,
    })
    expect(unmarked.state.neutral).toEqual([])
  })
})

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { replay } from '../../server/src/domain/sessions-and-decisions/session-machine.js'
import { ErrorBody } from '../../shared/src/errors.js'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import type {
  ChainVerification,
  DecisionRecord,
  Session,
  SessionCommand,
  SessionEvent,
  SessionRule,
  SessionState,
} from '../../shared/src/schema/session.js'
import { readSessionState } from '../../shared/src/ydoc/session-room.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { itSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

// Each rule of docs/spec.md (Sessions) has its own test, named by its id, on its own session.
describe('live sessions', () => {
  let server: TestServer
  let site: Site
  let ayu: { token: string; participant: { id: string } }
  let budi: { token: string; participant: { id: string } }
  let oki: { token: string; participant: { id: string } }
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    oki = await site.join('observer', 'Oki', 'media')
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const commands = () => sessionCommands(server, site)
  const open = (title: string) => commands().open(title)
  const run = (sessionId: string, token: string, command: SessionCommand) =>
    commands().run(sessionId, token, command)
  const refused = (sessionId: string, token: string, command: unknown, status: number) =>
    commands().refused(sessionId, token, command, status)
  /** The rule a 409 answer names: the state does not allow the command. */
  const broken = async (sessionId: string, token: string, command: SessionCommand) =>
    (await refused(sessionId, token, command, 409)).details
  const rule = (id: SessionRule) => ({ rule: id })
  /** A workshop of its own for each test, attended by whoever holds `tokens`. */
  const workshop = async (title: string, ...tokens: string[]) => {
    const { session, state } = await open(title)
    for (const token of tokens) await run(session.id, token, { type: 'attendance.join' })
    return { id: session.id, state }
  }
  /** The floor goes only to attendees: Ayu and Budi attend. */
  const withSpeakers = (title: string) => workshop(title, ayu.token, budi.token)

  it('role_not_allowed: only facilitators and mediators run a session; observers only watch', async () => {
    const { id } = await workshop('Roles')
    const forbidden = async (token: string, command: SessionCommand) => {
      const error = await refused(id, token, command, 403)
      expect(error.code).toBe('forbidden')
      expect(error.details).toMatchObject({ rule: 'role_not_allowed' satisfies AccessRule })
    }
    await forbidden(ayu.token, { type: 'stage.advance' })
    await forbidden(ayu.token, { type: 'floor.next' })
    await forbidden(ayu.token, { type: 'proposal.open', title: 't', text: 't' })
    await forbidden(oki.token, { type: 'hand.raise' })
    await run(id, site.token, { type: 'proposal.open', title: 'Roles', text: 'Who decides.' })
    await forbidden(oki.token, { type: 'position.take', value: 'block' })
    // Next to the refusals, the allowed cases.
    await run(id, ayu.token, { type: 'hand.raise' })
    await run(id, ayu.token, { type: 'position.take', value: 'agree' })
    expect((await run(id, site.token, { type: 'stage.advance' })).state.stage).toBe(1)
  })

  it('timer_not_running: a timer that is not running cannot be paused', async () => {
    const { id, state } = await workshop('Timer stopped')
    expect(state).toMatchObject({
      status: 'running',
      stage: 0,
      timer: { running: false, remainingMs: 300_000 },
    })
    expect(await broken(id, site.token, { type: 'timer.pause' })).toEqual(rule('timer_not_running'))
    expect((await run(id, site.token, { type: 'timer.start' })).state.timer.running).toBe(true)
    expect((await run(id, site.token, { type: 'timer.pause' })).state.timer.running).toBe(false)
  })

  it('timer_running: a running timer cannot be started again, only extended or paused', async () => {
    const { id } = await workshop('Timer running')
    expect((await run(id, site.token, { type: 'timer.start' })).state.timer.running).toBe(true)
    expect(await broken(id, site.token, { type: 'timer.start' })).toEqual(rule('timer_running'))
    const extended = (await run(id, site.token, { type: 'timer.extend', minutes: 5 })).state.timer
    expect(Date.parse(extended.endsAt ?? '') - Date.now()).toBeGreaterThan(9 * 60_000)
    expect((await run(id, site.token, { type: 'timer.pause' })).state.timer.running).toBe(false)
  })

  it('already_at_stage: going to the stage the session is at is refused', async () => {
    const { id } = await workshop('Same stage')
    expect(await broken(id, site.token, { type: 'stage.goto', index: 0 })).toEqual(
      rule('already_at_stage'),
    )
    expect((await run(id, site.token, { type: 'stage.goto', index: 1 })).state.stage).toBe(1)
  })

  it('no_such_stage: going to a stage the agenda does not have is refused', async () => {
    const { id } = await workshop('No such stage')
    expect(await broken(id, site.token, { type: 'stage.goto', index: 9 })).toEqual(
      rule('no_such_stage'),
    )
    expect((await run(id, site.token, { type: 'stage.goto', index: 1 })).state.stage).toBe(1)
  })

  it('last_stage: the last stage of the agenda cannot be advanced past', async () => {
    const { id } = await workshop('Last stage')
    expect((await run(id, site.token, { type: 'stage.advance' })).state.stage).toBe(1)
    expect(await broken(id, site.token, { type: 'stage.advance' })).toEqual(rule('last_stage'))
  })

  it('already_in_queue: a raised hand cannot be raised again', async () => {
    const { id } = await workshop('Raised twice')
    const raised = (await run(id, ayu.token, { type: 'hand.raise' })).state
    expect(raised.queue.map((hand) => hand.name)).toEqual(['Ayu'])
    expect(await broken(id, ayu.token, { type: 'hand.raise' })).toEqual(rule('already_in_queue'))
  })

  it('not_in_queue: a hand that is not raised cannot be lowered', async () => {
    const { id } = await workshop('Lowered')
    expect(await broken(id, site.token, { type: 'hand.lower' })).toEqual(rule('not_in_queue'))
    await run(id, budi.token, { type: 'hand.raise' })
    expect((await run(id, budi.token, { type: 'hand.lower' })).state.queue).toEqual([])
  })

  it('already_speaking: whoever has the floor cannot raise a hand', async () => {
    const { id } = await withSpeakers('Speaking')
    await run(id, ayu.token, { type: 'hand.raise' })
    await run(id, budi.token, { type: 'hand.raise' })
    const floor = (await run(id, site.token, { type: 'floor.next' })).state
    expect(floor.speaker?.name).toBe('Ayu')
    expect(floor.queue.map((hand) => hand.name)).toEqual(['Budi'])
    expect(await broken(id, ayu.token, { type: 'hand.raise' })).toEqual(rule('already_speaking'))
  })

  it('not_attending: the floor goes only to someone attending', async () => {
    const { id } = await withSpeakers('Floor')
    expect(await broken(id, site.token, { type: 'floor.give', participantId: 'nobody' })).toEqual(
      rule('not_attending'),
    )
    const given = await run(id, site.token, {
      type: 'floor.give',
      participantId: budi.participant.id,
    })
    expect(given.state.speaker?.name).toBe('Budi')
  })

  it('no_speaker: the floor cannot be ended when nobody has it', async () => {
    const { id } = await withSpeakers('Nobody speaks')
    expect(await broken(id, site.token, { type: 'floor.end' })).toEqual(rule('no_speaker'))
    await run(id, ayu.token, { type: 'hand.raise' })
    await run(id, site.token, { type: 'floor.next' })
    await run(id, site.token, { type: 'floor.give', participantId: budi.participant.id })
    const ended = (await run(id, site.token, { type: 'floor.end' })).state
    expect(ended.speaker).toBeNull()
    expect(ended.balance.turns).toEqual({ community: 1, business: 1 })
  })

  it('queue_empty: the next speaker cannot be called when nobody is waiting', async () => {
    const { id } = await withSpeakers('Empty queue')
    expect(await broken(id, site.token, { type: 'floor.next' })).toEqual(rule('queue_empty'))
    await run(id, ayu.token, { type: 'hand.raise' })
    expect((await run(id, site.token, { type: 'floor.next' })).state.speaker?.name).toBe('Ayu')
  })

  it('no_open_proposal: positions are taken, and proposals closed, only on an open proposal', async () => {
    const { id } = await workshop('No proposal')
    expect(await broken(id, ayu.token, { type: 'position.take', value: 'agree' })).toEqual(
      rule('no_open_proposal'),
    )
    expect(await broken(id, site.token, { type: 'proposal.close', outcome: 'adopted' })).toEqual(
      rule('no_open_proposal'),
    )
    await run(id, site.token, { type: 'proposal.open', title: 'Open', text: 'Now it is open.' })
    await run(id, ayu.token, { type: 'position.take', value: 'agree' })
  })

  it('proposal_open: one proposal at a time, and a session does not end while one is open', async () => {
    const { id } = await workshop('One at a time')
    await run(id, site.token, { type: 'proposal.open', title: 'First', text: 'The first.' })
    expect(await broken(id, site.token, { type: 'proposal.open', title: 'x', text: 'x' })).toEqual(
      rule('proposal_open'),
    )
    expect(await broken(id, site.token, { type: 'session.end' })).toEqual(rule('proposal_open'))
    await run(id, site.token, { type: 'proposal.close', outcome: 'deferred' })
    expect((await run(id, site.token, { type: 'session.end' })).state.status).toBe('ended')
  })

  it('session_ended: an ended session takes no more commands', async () => {
    const { id } = await workshop('Ended')
    expect((await run(id, site.token, { type: 'session.end' })).state.status).toBe('ended')
    expect(await broken(id, site.token, { type: 'hand.raise' })).toEqual(rule('session_ended'))
    expect(await broken(id, site.token, { type: 'stage.advance' })).toEqual(rule('session_ended'))
  })

  it('refuses malformed commands with 400, next to a good one', async () => {
    const { id } = await workshop('Bad commands')
    await run(id, site.token, { type: 'proposal.open', title: 'Good', text: 'Good input.' })
    const bad = await refused(id, site.token, { type: 'position.take', value: 'maybe' }, 400)
    expect(bad.code).toBe('bad_request')
    expect((await refused(id, site.token, { type: 'no.such' }, 400)).code).toBe('bad_request')
    await run(id, site.token, { type: 'position.take', value: 'agree' })
  })

  it('records a whole session as events that replay into exactly its state, and its decision', async () => {
    const { id } = await workshop('Mobility workshop', site.token, ayu.token, budi.token, oki.token)
    const script: [string, SessionCommand][] = [
      [site.token, { type: 'timer.start' }],
      [site.token, { type: 'timer.extend', minutes: 5 }],
      [site.token, { type: 'timer.pause' }],
      [site.token, { type: 'stage.advance' }],
      [ayu.token, { type: 'hand.raise' }],
      [budi.token, { type: 'hand.raise' }],
      [site.token, { type: 'floor.next' }],
      [budi.token, { type: 'hand.lower' }],
      [site.token, { type: 'floor.give', participantId: budi.participant.id }],
      [site.token, { type: 'floor.end' }],
      [
        site.token,
        { type: 'proposal.open', title: 'Bus lanes', text: 'Bus lanes on Jalan Asia Afrika.' },
      ],
      [ayu.token, { type: 'position.take', value: 'agree' }],
      [budi.token, { type: 'position.take', value: 'object', reason: 'loading zones' }],
      [
        budi.token,
        { type: 'position.take', value: 'agree_with_concerns', reason: 'loading zones' },
      ],
    ]
    for (const [token, command] of script) await run(id, token, command)
    const closed = (await run(id, site.token, { type: 'proposal.close', outcome: 'adopted' })).state
    expect(closed.proposal).toBeNull()
    expect(closed.decisions).toHaveLength(1)
    expect((await run(id, site.token, { type: 'session.end' })).state.status).toBe('ended')

    // Replaying the stored events rebuilds exactly the stored state.
    const { events } = await api<{ events: SessionEvent[] }>(
      server,
      'GET',
      `/api/sessions/${id}/events`,
      { token: oki.token },
    )
    const stored = await api<{ session: Session; state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${id}`,
      { token: oki.token },
    )
    expect(events).toHaveLength(4 + script.length + 2)
    expect(replay(stored.session.agenda, stored.session.createdAt, events)).toEqual(stored.state)

    const { decisions, people } = await api<{
      decisions: DecisionRecord[]
      people: Record<string, string>
    }>(server, 'GET', `/api/workspaces/${site.workspaceId}/decisions`, { token: oki.token })
    const decision = decisions.find((record) => record.id === closed.decisions[0])
    expect(decision).toMatchObject({
      title: 'Bus lanes',
      outcome: 'adopted',
      positionsByGroup: { community: { agree: 1 }, business: { agree_with_concerns: 1 } },
      sessionId: id,
    })
    // The record names people by commitment; their names are served beside it.
    const named = decision?.present.map((person) =>
      'person' in person ? people[person.person] : '',
    )
    expect(named?.sort()).toEqual(['Ayu', 'Budi', 'Fasilitator', 'Oki'])
  })

  it('server_owned_room: everyone in the session room sees the live state, and nobody can write it', async () => {
    const { session } = await open('Live room')
    const watcher = connectClient(server, session.room, { params: { token: ayu.token } })
    await waitForSynced(watcher)
    await waitFor(() => readSessionState(watcher.doc)?.stage === 0, 'the initial state')
    await run(session.id, site.token, { type: 'stage.advance' })
    await waitFor(() => readSessionState(watcher.doc)?.stage === 1, 'the new stage to arrive')
    // A client's own write to the room is dropped by the server.
    watcher.doc.getMap('session').set('state', { forged: true } as unknown as SessionState)
    const other = connectClient(server, session.room, { params: { token: budi.token } })
    await waitForSynced(other)
    await waitFor(() => readSessionState(other.doc)?.stage === 1, 'the true state')
    expect(readSessionState(other.doc)).not.toHaveProperty('forged')
  })

  it('token_required, other_workspace, role_not_allowed: sessions are opened and read only by the right people', async () => {
    const path = `/api/workspaces/${site.workspaceId}/sessions`
    const body = { title: 'x', kind: 'workshop' }
    expect(ErrorBody.parse(await api(server, 'POST', path, { body, expect: 401 })).error.code).toBe(
      'unauthorized',
    )
    const stakeholder = ErrorBody.parse(
      await api(server, 'POST', path, { token: ayu.token, body, expect: 403 }),
    ).error
    expect(stakeholder.code).toBe('forbidden')
    expect(stakeholder.details).toMatchObject({ rule: 'role_not_allowed' satisfies AccessRule })
    const other = await Site.open(server, 'Elsewhere')
    const foreign = ErrorBody.parse(
      await api(server, 'POST', path, { token: other.token, body, expect: 403 }),
    ).error
    expect(foreign.details).toEqual({ rule: 'other_workspace' satisfies AccessRule })
    const error = ErrorBody.parse(
      await api(server, 'POST', path, {
        token: site.token,
        body: { title: '', kind: 'party' },
        expect: 400,
      }),
    )
    expect((error.error.details as { path: string }[]).map((detail) => detail.path).sort()).toEqual(
      ['kind', 'title'],
    )
    // A mediation is opened by a mediator, not by the facilitator.
    await api(server, 'POST', path, {
      token: site.token,
      body: { title: 'Mediation', kind: 'mediation' },
      expect: 403,
    })
    const mediator = await site.join('mediator', 'Maya', 'academia')
    const { session } = await api<{ session: Session }>(server, 'POST', path, {
      token: mediator.token,
      body: { title: 'Mediation', kind: 'mediation' },
    })
    expect(session.agenda.map((item) => item.title)).toEqual([
      'Opening',
      'Party statements',
      'Issues and interests',
      'Options',
      'Negotiation',
      'Agreement',
      'Closing',
    ])
    await api(server, 'GET', `/api/sessions/${session.id}`, { token: other.token, expect: 403 })
    await api(server, 'GET', '/api/sessions/nope', { token: site.token, expect: 404 })
  })

  itSqliteOnly(
    'keeps a verifiable hash chain of decisions, and names the first record altered behind its back',
    async () => {
      const path = `/api/workspaces/${site.workspaceId}/decisions`
      const record = (title: string) =>
        api<{ decision: DecisionRecord }>(server, 'POST', path, {
          token: site.token,
          body: { title, text: `${title}, as agreed.`, outcome: 'adopted' },
        })
      await api(server, 'POST', path, {
        token: ayu.token,
        body: { title: 'x', text: 'x', outcome: 'adopted' },
        expect: 403,
      })
      const first = (await record('Open data portal')).decision
      const second = (await record('Quarterly public hearings')).decision
      const third = (await record('Participatory budget')).decision
      expect(second.previousHash).toBe(first.hash)
      expect(third.previousHash).toBe(second.hash)
      const good = await api<ChainVerification>(
        server,
        'GET',
        `/api/workspaces/${site.workspaceId}/records/verify`,
        { token: oki.token },
      )
      expect(good).toMatchObject({ ok: true })
      expect(good.ok && good.head).toBe(
        (
          await api<{ decisions: DecisionRecord[] }>(server, 'GET', path, { token: oki.token })
        ).decisions.at(-1)?.hash,
      )

      const db = openStore(server.dataDir)
      db.prepare(
        "UPDATE chain_record SET record = json_set(record, '$.text', 'Quietly changed.') WHERE id = ?",
      ).run(second.id)
      db.close()
      const bad = await api<ChainVerification>(
        server,
        'GET',
        `/api/workspaces/${site.workspaceId}/records/verify`,
        { token: oki.token },
      )
      expect(bad).toEqual({
        ok: false,
        count: good.count,
        firstInvalid: {
          id: second.id,
          sequence: second.sequence,
          problem: 'its content does not match its hash',
        },
        workspaceId: site.workspaceId,
        checkpoint: good.checkpoint,
      })
    },
  )
})

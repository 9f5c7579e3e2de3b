import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { replay } from '../../server/src/domain/session-machine.js'
import { ErrorBody } from '../../shared/src/errors.js'
import type {
  ChainVerification,
  DecisionRecord,
  Session,
  SessionCommand,
  SessionEvent,
  SessionState,
} from '../../shared/src/schema/session.js'
import { readSessionState } from '../../shared/src/ydoc/session-room.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

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
    removeDataDirs()
  })

  const commands = () => sessionCommands(server, site)
  const open = (title: string) => commands().open(title)
  const run = (sessionId: string, token: string, command: SessionCommand) =>
    commands().run(sessionId, token, command)
  const refused = (sessionId: string, token: string, command: unknown, status: number) =>
    commands().refused(sessionId, token, command, status)

  it('checks every command against role and state, next to the allowed case', async () => {
    const { session, state } = await open('Mobility workshop')
    expect(state).toMatchObject({
      status: 'running',
      stage: 0,
      timer: { running: false, remainingMs: 300_000 },
    })
    const id = session.id
    for (const token of [site.token, ayu.token, budi.token, oki.token])
      await run(id, token, { type: 'attendance.join' })

    // Stage and timer: facilitators only; the state decides the rest.
    expect((await refused(id, ayu.token, { type: 'stage.advance' }, 403)).code).toBe('forbidden')
    expect((await refused(id, site.token, { type: 'timer.pause' }, 409)).details).toEqual({
      rule: 'timer_not_running',
    })
    expect((await run(id, site.token, { type: 'timer.start' })).state.timer.running).toBe(true)
    expect((await refused(id, site.token, { type: 'timer.start' }, 409)).details).toEqual({
      rule: 'timer_running',
    })
    const extended = (await run(id, site.token, { type: 'timer.extend', minutes: 5 })).state.timer
    expect(Date.parse(extended.endsAt ?? '') - Date.now()).toBeGreaterThan(9 * 60_000)
    expect((await run(id, site.token, { type: 'timer.pause' })).state.timer.running).toBe(false)
    expect((await refused(id, site.token, { type: 'stage.goto', index: 0 }, 409)).details).toEqual({
      rule: 'already_at_stage',
    })
    expect((await refused(id, site.token, { type: 'stage.goto', index: 9 }, 409)).details).toEqual({
      rule: 'no_such_stage',
    })
    expect((await run(id, site.token, { type: 'stage.advance' })).state.stage).toBe(1)
    expect((await refused(id, site.token, { type: 'stage.advance' }, 409)).details).toEqual({
      rule: 'last_stage',
    })

    // Hands and the floor.
    expect((await refused(id, oki.token, { type: 'hand.raise' }, 403)).code).toBe('forbidden')
    await run(id, ayu.token, { type: 'hand.raise' })
    expect((await refused(id, ayu.token, { type: 'hand.raise' }, 409)).details).toEqual({
      rule: 'already_in_queue',
    })
    await run(id, budi.token, { type: 'hand.raise' })
    expect((await refused(id, site.token, { type: 'hand.lower' }, 409)).details).toEqual({
      rule: 'not_in_queue',
    })
    expect((await refused(id, ayu.token, { type: 'floor.next' }, 403)).code).toBe('forbidden')
    const floor = (await run(id, site.token, { type: 'floor.next' })).state
    expect(floor.speaker?.name).toBe('Ayu')
    expect(floor.queue.map((hand) => hand.name)).toEqual(['Budi'])
    expect((await refused(id, ayu.token, { type: 'hand.raise' }, 409)).details).toEqual({
      rule: 'already_speaking',
    })
    await run(id, budi.token, { type: 'hand.lower' })
    expect(
      (await refused(id, site.token, { type: 'floor.give', participantId: 'nobody' }, 409)).details,
    ).toEqual({ rule: 'not_attending' })
    expect(
      (await run(id, site.token, { type: 'floor.give', participantId: budi.participant.id })).state
        .speaker?.name,
    ).toBe('Budi')
    const ended = (await run(id, site.token, { type: 'floor.end' })).state
    expect(ended.speaker).toBeNull()
    expect(ended.balance.turns).toEqual({ community: 1, business: 1 })
    expect((await refused(id, site.token, { type: 'floor.end' }, 409)).details).toEqual({
      rule: 'no_speaker',
    })
    expect((await refused(id, site.token, { type: 'floor.next' }, 409)).details).toEqual({
      rule: 'queue_empty',
    })

    // Proposals and positions.
    expect(
      (await refused(id, ayu.token, { type: 'position.take', value: 'agree' }, 409)).details,
    ).toEqual({ rule: 'no_open_proposal' })
    expect(
      (await refused(id, ayu.token, { type: 'proposal.open', title: 't', text: 't' }, 403)).code,
    ).toBe('forbidden')
    await run(id, site.token, {
      type: 'proposal.open',
      title: 'Bus lanes',
      text: 'Bus lanes on Jalan Asia Afrika.',
    })
    expect(
      (await refused(id, site.token, { type: 'proposal.open', title: 'x', text: 'x' }, 409))
        .details,
    ).toEqual({ rule: 'proposal_open' })
    await run(id, ayu.token, { type: 'position.take', value: 'agree' })
    await run(id, budi.token, { type: 'position.take', value: 'object', reason: 'loading zones' })
    await run(id, budi.token, {
      type: 'position.take',
      value: 'agree_with_concerns',
      reason: 'loading zones',
    })
    expect(
      (await refused(id, oki.token, { type: 'position.take', value: 'block' }, 403)).code,
    ).toBe('forbidden')
    expect((await refused(id, site.token, { type: 'session.end' }, 409)).details).toEqual({
      rule: 'proposal_open',
    })
    const closed = (await run(id, site.token, { type: 'proposal.close', outcome: 'adopted' })).state
    expect(closed.proposal).toBeNull()
    expect(closed.decisions).toHaveLength(1)

    // Bad commands are 400 with the field named.
    const bad = await refused(id, site.token, { type: 'position.take', value: 'maybe' }, 400)
    expect(bad.code).toBe('bad_request')
    expect((await refused(id, site.token, { type: 'no.such' }, 400)).code).toBe('bad_request')

    expect((await run(id, site.token, { type: 'session.end' })).state.status).toBe('ended')
    expect((await refused(id, site.token, { type: 'hand.raise' }, 409)).details).toEqual({
      rule: 'session_ended',
    })

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
    expect(replay(stored.session.agenda, stored.session.createdAt, events)).toEqual(stored.state)

    const { decisions } = await api<{ decisions: DecisionRecord[] }>(
      server,
      'GET',
      `/api/workspaces/${site.workspaceId}/decisions`,
      { token: oki.token },
    )
    const decision = decisions.find((record) => record.id === closed.decisions[0])
    expect(decision).toMatchObject({
      title: 'Bus lanes',
      outcome: 'adopted',
      positionsByGroup: { community: { agree: 1 }, business: { agree_with_concerns: 1 } },
      sessionId: id,
    })
    expect(decision?.present.map((person) => person.name).sort()).toEqual([
      'Ayu',
      'Budi',
      'Fasilitator',
      'Oki',
    ])
  })

  it('shows the live state to everyone in the session room, which nobody can write', async () => {
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

  it('refuses sessions to the wrong people', async () => {
    const path = `/api/workspaces/${site.workspaceId}/sessions`
    const body = { title: 'x', kind: 'workshop' }
    expect(ErrorBody.parse(await api(server, 'POST', path, { body, expect: 401 })).error.code).toBe(
      'unauthorized',
    )
    expect(
      ErrorBody.parse(await api(server, 'POST', path, { token: ayu.token, body, expect: 403 }))
        .error.code,
    ).toBe('forbidden')
    const other = await Site.open(server, 'Elsewhere')
    await api(server, 'POST', path, { token: other.token, body, expect: 403 })
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

  it('keeps a verifiable hash chain of decisions, and names the first record altered behind its back', async () => {
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
  })
})

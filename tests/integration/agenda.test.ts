import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Minutes } from '../../server/src/domain/sessions-and-decisions/minutes.js'
import { replay } from '../../server/src/domain/sessions-and-decisions/session-machine.js'
import type { AccessRule } from '../../shared/src/schema/access-rule.js'
import type {
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

const titles = (state: SessionState) => state.agenda.map((item) => item.title)

// The agenda a facilitator shapes while the session runs (docs/spec.md, Sessions). Each session
// starts with Opening (5 min) and Decide (20 min).
describe('an agenda shaped during the session', () => {
  let server: TestServer
  let site: Site
  let ayu: { token: string }
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
  })
  afterAll(async () => {
    destroyClients()
    await server.stop()
    await removeDataDirs()
  })

  const commands = () => sessionCommands(server, site)
  const open = async (title: string) => (await commands().open(title)).session.id
  const run = async (id: string, command: SessionCommand) =>
    (await commands().run(id, site.token, command)).state
  const broken = async (id: string, command: SessionCommand) =>
    (await commands().refused(id, site.token, command, 409)).details
  const rule = (id: SessionRule) => ({ rule: id })
  const stored = (id: string) =>
    api<{ session: Session; state: SessionState }>(server, 'GET', `/api/sessions/${id}`, {
      token: site.token,
    })

  it('past_stage: the current stage and stages already run are neither removed nor moved', async () => {
    const id = await open('Past stages')
    expect(await broken(id, { type: 'agenda.stage.remove', index: 0 })).toEqual(rule('past_stage'))
    await run(id, { type: 'agenda.stage.add', title: 'Site walk', minutes: 15 })
    await run(id, { type: 'stage.goto', index: 2 })
    await run(id, { type: 'stage.goto', index: 1 })
    // Stage 3 was run before the room went back to stage 2: it stays, like stages 1 and 2.
    for (const index of [0, 1, 2]) {
      expect(await broken(id, { type: 'agenda.stage.remove', index })).toEqual(rule('past_stage'))
    }
    expect(await broken(id, { type: 'agenda.stage.move', index: 2, to: 2 })).toEqual(
      rule('past_stage'),
    )
    // Next to the refusals, a stage not yet run goes.
    await run(id, { type: 'agenda.stage.add', title: 'Break', minutes: 10 })
    const after = await run(id, { type: 'agenda.stage.remove', index: 3 })
    expect(titles(after)).toEqual(['Opening', 'Decide', 'Site walk'])
    expect(after.stage).toBe(1)
  })

  it('before_current_stage: a stage is added or moved only after the current one', async () => {
    const id = await open('Before current')
    await run(id, { type: 'stage.advance' })
    const misplaced = (command: SessionCommand) => broken(id, command)
    expect(
      await misplaced({ type: 'agenda.stage.add', title: 'Warm-up', minutes: 5, index: 0 }),
    ).toEqual(rule('before_current_stage'))
    expect(
      await misplaced({ type: 'agenda.stage.add', title: 'Warm-up', minutes: 5, index: 1 }),
    ).toEqual(rule('before_current_stage'))
    await run(id, { type: 'agenda.stage.add', title: 'Lunch', minutes: 45, index: 2 })
    await run(id, { type: 'agenda.stage.add', title: 'Closing', minutes: 10, index: 2 })
    expect(await misplaced({ type: 'agenda.stage.move', index: 3, to: 1 })).toEqual(
      rule('before_current_stage'),
    )
    const moved = await run(id, { type: 'agenda.stage.move', index: 2, to: 3 })
    expect(titles(moved)).toEqual(['Opening', 'Decide', 'Lunch', 'Closing'])
    expect((await stored(id)).state.agenda).toEqual(moved.agenda)
  })

  it('stage_changed: an edit naming the stage it saw is refused once another stands there (a replay, a second facilitator)', async () => {
    const id = await open('Two facilitators')
    await run(id, { type: 'agenda.stage.add', title: 'Site walk', minutes: 15 })
    await run(id, { type: 'agenda.stage.add', title: 'Break', minutes: 10 })
    const remove = { type: 'agenda.stage.remove', index: 2, seen: 'Site walk' } as const
    expect(titles(await run(id, remove))).toEqual(['Opening', 'Decide', 'Break'])
    // The same command again (a retried request, or a second facilitator who saw the old agenda)
    // would have removed Break, which now stands at index 2.
    expect(await broken(id, remove)).toEqual(rule('stage_changed'))
    expect(
      await broken(id, { type: 'agenda.stage.rename', index: 2, title: 'Walk', seen: 'Site walk' }),
    ).toEqual(rule('stage_changed'))
    expect(
      await broken(id, { type: 'agenda.stage.time', index: 2, minutes: 30, seen: 'Site walk' }),
    ).toEqual(rule('stage_changed'))
    expect(
      await broken(id, { type: 'agenda.stage.move', index: 2, to: 1, seen: 'Site walk' }),
    ).toEqual(rule('stage_changed'))
    const { state } = await stored(id)
    expect(state.agenda).toEqual([
      { title: 'Opening', minutes: 5 },
      { title: 'Decide', minutes: 20 },
      { title: 'Break', minutes: 10 },
    ])
    // Naming the stage that stands there, the edit goes through.
    const renamed = await run(id, {
      type: 'agenda.stage.rename',
      index: 2,
      title: 'Pause',
      seen: 'Break',
    })
    expect(titles(renamed)).toEqual(['Opening', 'Decide', 'Pause'])
  })

  it('agenda_full: an agenda has at most 30 stages', async () => {
    const id = await open('Full agenda')
    for (let stage = 3; stage <= 30; stage++) {
      await run(id, { type: 'agenda.stage.add', title: `Round ${stage}`, minutes: 1 })
    }
    expect(await broken(id, { type: 'agenda.stage.add', title: 'One more', minutes: 1 })).toEqual(
      rule('agenda_full'),
    )
    await run(id, { type: 'agenda.stage.remove', index: 29 })
    const added = await run(id, { type: 'agenda.stage.add', title: 'One more', minutes: 1 })
    expect(added.agenda).toHaveLength(30)
    expect(added.agenda.at(-1)?.title).toBe('One more')
  })

  it('no_such_stage: agenda edits name a stage, and a place, the agenda has', async () => {
    const id = await open('No such stage')
    expect(await broken(id, { type: 'agenda.stage.rename', index: 2, title: 'X' })).toEqual(
      rule('no_such_stage'),
    )
    expect(await broken(id, { type: 'agenda.stage.time', index: 5, minutes: 5 })).toEqual(
      rule('no_such_stage'),
    )
    expect(await broken(id, { type: 'agenda.stage.move', index: 1, to: 3 })).toEqual(
      rule('no_such_stage'),
    )
    expect(
      await broken(id, { type: 'agenda.stage.add', title: 'X', minutes: 5, index: 4 }),
    ).toEqual(rule('no_such_stage'))
    const renamed = await run(id, { type: 'agenda.stage.rename', index: 1, title: 'Closing' })
    expect(titles(renamed)).toEqual(['Opening', 'Closing'])
  })

  it('refuses names that are not one line of 1–80 characters and minutes outside 1–240, with 400', async () => {
    const id = await open('Bad stage input')
    const bad = async (command: unknown) => {
      const error = await commands().refused(id, site.token, command, 400)
      expect(error.code).toBe('bad_request')
    }
    await bad({ type: 'agenda.stage.add', title: '', minutes: 5 })
    await bad({ type: 'agenda.stage.add', title: '   ', minutes: 5 })
    await bad({ type: 'agenda.stage.add', title: 'x'.repeat(81), minutes: 5 })
    await bad({ type: 'agenda.stage.add', title: 'two\nlines', minutes: 5 })
    await bad({ type: 'agenda.stage.add', title: 'Walk', minutes: 0 })
    await bad({ type: 'agenda.stage.add', title: 'Walk', minutes: 241 })
    await bad({ type: 'agenda.stage.add', title: 'Walk', minutes: 2.5 })
    await bad({ type: 'agenda.stage.rename', index: 1, title: 'x'.repeat(81) })
    await bad({ type: 'agenda.stage.time', index: 1, minutes: 0 })
    await bad({ type: 'agenda.stage.remove', index: -1 })
    expect(titles((await stored(id)).state)).toEqual(['Opening', 'Decide'])
    // The limits themselves are allowed.
    const long = 'x'.repeat(80)
    await run(id, { type: 'agenda.stage.add', title: long, minutes: 240 })
    const timed = await run(id, { type: 'agenda.stage.time', index: 1, minutes: 1 })
    expect(timed.agenda).toEqual([
      { title: 'Opening', minutes: 5 },
      { title: 'Decide', minutes: 1 },
      { title: long, minutes: 240 },
    ])
  })

  it('role_not_allowed: only facilitators and mediators shape the agenda', async () => {
    const id = await open('Roles')
    const error = await commands().refused(
      id,
      ayu.token,
      { type: 'agenda.stage.add', title: 'Mine', minutes: 5 },
      403,
    )
    expect(error.details).toMatchObject({ rule: 'role_not_allowed' satisfies AccessRule })
    await run(id, { type: 'agenda.stage.add', title: 'Theirs', minutes: 5 })
  })

  it('starts the stage timer with the stage when asked, and times the current stage before it runs', async () => {
    const id = await open('Timer with stage')
    const timed = await run(id, { type: 'agenda.stage.time', index: 0, minutes: 7 })
    expect(timed.timer).toEqual({ running: false, remainingMs: 7 * 60_000, endsAt: null })
    const plain = await run(id, { type: 'stage.advance' })
    expect(plain.timer.running).toBe(false)
    const started = await run(id, { type: 'stage.goto', index: 0, startTimer: true })
    expect(started.timer.running).toBe(true)
    expect(started.timer.remainingMs).toBe(7 * 60_000)
    const entered = started.stageLog.at(-1)?.from ?? ''
    expect(Date.parse(started.timer.endsAt ?? '')).toBe(Date.parse(entered) + 7 * 60_000)
    // A running timer is left alone when its stage is retimed: it is extended instead.
    const retimed = await run(id, { type: 'agenda.stage.time', index: 0, minutes: 9 })
    expect(retimed.timer).toEqual(started.timer)
    const next = await run(id, { type: 'stage.advance', startTimer: true })
    expect(next.timer.running).toBe(true)
  })

  it('replays a session with agenda edits into exactly its stored state, and shows them live and in the minutes', async () => {
    const id = await open('Shaped workshop')
    const { session } = await stored(id)
    const watcher = connectClient(server, session.room, { params: { token: ayu.token } })
    await waitForSynced(watcher)
    const script: SessionCommand[] = [
      { type: 'agenda.stage.add', title: 'Site walk', minutes: 30, index: 1 },
      { type: 'agenda.stage.add', title: 'Closing', minutes: 10 },
      { type: 'agenda.stage.rename', index: 1, title: 'Walk on Jalan Braga' },
      { type: 'stage.advance', startTimer: true },
      { type: 'agenda.stage.move', index: 3, to: 2 },
      { type: 'agenda.stage.time', index: 3, minutes: 25 },
      { type: 'agenda.stage.add', title: 'Break', minutes: 15 },
      { type: 'agenda.stage.remove', index: 4 },
      { type: 'stage.advance' },
      { type: 'session.end' },
    ]
    let last: SessionState | undefined
    for (const command of script) last = await run(id, command)
    expect(titles(last as SessionState)).toEqual([
      'Opening',
      'Walk on Jalan Braga',
      'Closing',
      'Decide',
    ])
    await waitFor(
      () => readSessionState(watcher.doc)?.status === 'ended',
      'the ended session in the room',
    )
    expect(readSessionState(watcher.doc)?.agenda).toEqual(last?.agenda)

    const { events } = await api<{ events: SessionEvent[] }>(
      server,
      'GET',
      `/api/sessions/${id}/events`,
      { token: site.token },
    )
    const now = await stored(id)
    expect(events).toHaveLength(script.length)
    expect(replay(now.session.agenda, now.session.createdAt, events)).toEqual(now.state)

    const minutes = await api<Minutes>(server, 'GET', `/api/sessions/${id}/minutes?format=json`, {
      token: site.token,
    })
    expect(minutes.agenda.map((item) => [item.title, item.plannedMinutes])).toEqual([
      ['Opening', 5],
      ['Walk on Jalan Braga', 30],
      ['Closing', 10],
      ['Decide', 25],
    ])
    expect(minutes.agenda.map((item) => item.startedAt !== null)).toEqual([true, true, true, false])
    expect(minutes.agendaChanges.map((change) => [change.change, change.title])).toEqual([
      ['added', 'Site walk'],
      ['added', 'Closing'],
      ['renamed', 'Site walk'],
      ['moved', 'Closing'],
      ['timed', 'Decide'],
      ['added', 'Break'],
      ['removed', 'Break'],
    ])
    const markdown = await (
      await fetch(`${server.httpUrl}/api/sessions/${id}/minutes`, {
        headers: { authorization: `Bearer ${site.token}` },
      })
    ).text()
    expect(markdown).toContain('### Agenda changes')
    expect(markdown).toMatch(/removed Break/)
  })

  itSqliteOnly(
    'reads a state stored before agendas could be shaped with the session agenda, and replays it',
    async () => {
      const id = await open('Older session')
      await run(id, { type: 'stage.advance' })
      // As the row was written before states carried the agenda.
      const db = openStore(server.dataDir)
      try {
        db.prepare("UPDATE session SET state = json_remove(state, '$.agenda') WHERE id = ?").run(id)
      } finally {
        db.close()
      }
      const old = await stored(id)
      expect(old.state.agenda).toEqual(old.session.agenda)
      const { events } = await api<{ events: SessionEvent[] }>(
        server,
        'GET',
        `/api/sessions/${id}/events`,
        { token: site.token },
      )
      expect(replay(old.session.agenda, old.session.createdAt, events)).toEqual(old.state)
      const added = await run(id, { type: 'agenda.stage.add', title: 'Closing', minutes: 10 })
      expect(titles(added)).toEqual(['Opening', 'Decide', 'Closing'])
    },
  )
})

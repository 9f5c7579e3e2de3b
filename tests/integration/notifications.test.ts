import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import type { Caucus } from '../../shared/src/schema/mediation.js'
import type { Notification, NotificationList } from '../../shared/src/schema/notification.js'
import { addReply } from '../../shared/src/ydoc/comments.js'
import { readNotificationSignal } from '../../shared/src/ydoc/notification-signals.js'
import { presenceRoomName } from '../../shared/src/ydoc/rooms.js'
import { type Client, connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { entry, openThread } from '../helpers/comment-threads.js'
import {
  draftAgreement,
  inDays,
  type MediationScene,
  openMediation,
  type Person,
  signedByBoth,
} from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

describe('notifications', () => {
  let server: TestServer
  beforeAll(async () => {
    // The term sweep runs every 200 ms here, so due and overdue terms are told within a test.
    server = await startServer({ env: { TERM_SWEEP_INTERVAL_MS: '200' } })
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const inboxPath = (workspaceId: string) => `/api/workspaces/${workspaceId}/notifications`
  const inbox = (workspaceId: string, person: Person) =>
    api<NotificationList>(server, 'GET', inboxPath(workspaceId), { token: person.token })
  const markRead = (workspaceId: string, person: Person, body: object, expect = 200) =>
    api<NotificationList>(server, 'POST', `${inboxPath(workspaceId)}/read`, {
      token: person.token,
      body,
      expect,
    })
  /** Waits until `person` holds a notification that `matches`, and answers it. */
  const waitForNotice = async (
    workspaceId: string,
    person: Person,
    matches: (notice: Notification) => boolean,
    what: string,
  ): Promise<Notification> => {
    let found: Notification | undefined
    await waitFor(async () => {
      found = (await inbox(workspaceId, person)).notifications.find(matches)
      return found !== undefined
    }, what)
    return found as Notification
  }
  const facilitatorOf = (site: Site): Person => ({
    participant: site.created.participant,
    token: site.token,
  })
  const presence = async (site: Site, person: Person): Promise<Client> => {
    const client = connectClient(server, presenceRoomName(site.workspaceId), {
      params: { token: person.token },
    })
    await waitForSynced(client)
    return client
  }

  it('tells everyone else of a session that starts, signals only their pages, and keeps read state per person', async () => {
    const site = await Site.open(server, 'Notified workspace')
    const facilitator = facilitatorOf(site)
    const ayu = await site.join('stakeholder', 'Ayu')
    const oki = await site.join('observer', 'Oki')
    const ayuPage = await presence(site, ayu)
    const facilitatorPage = await presence(site, facilitator)
    const before = readNotificationSignal(ayuPage.doc, ayu.participant.id)

    const { session } = await sessionCommands(server, site).open('Mobility workshop')
    const started = await waitForNotice(
      site.workspaceId,
      ayu,
      (notice) => notice.kind === 'session_started',
      'Ayu to be told the session started',
    )
    expect(started).toMatchObject({
      place: { page: 'session', sessionId: session.id },
      subject: 'Mobility workshop',
      actorName: 'Fasilitator',
      readAt: null,
    })
    await waitFor(
      () => readNotificationSignal(ayuPage.doc, ayu.participant.id) > before,
      'Ayu’s page to be signalled',
    )
    // The room carries a counter per person, never what the notification says.
    expect(JSON.stringify(ayuPage.doc.getMap('notices').toJSON())).not.toContain('Mobility')
    // Who started it is not told of it, and their page's counter stays.
    expect((await inbox(site.workspaceId, facilitator)).notifications).toEqual([])
    expect(readNotificationSignal(facilitatorPage.doc, facilitator.participant.id)).toBe(0)

    await waitForNotice(site.workspaceId, oki, (n) => n.kind === 'session_started', 'Oki told')
    await sessionCommands(server, site).open('Second workshop')
    await waitFor(
      async () => (await inbox(site.workspaceId, ayu)).unread === 2,
      'Ayu to hold two unread',
    )

    // Marking one read marks only that one, and only for Ayu.
    const afterOne = await markRead(site.workspaceId, ayu, { ids: [started.id] })
    expect(afterOne.unread).toBe(1)
    expect(afterOne.notifications.find((n) => n.id === started.id)?.readAt).not.toBeNull()
    expect((await inbox(site.workspaceId, oki)).unread).toBe(2)
    // Someone else's ids mark nothing of theirs.
    await markRead(site.workspaceId, oki, { ids: [started.id] })
    expect((await inbox(site.workspaceId, oki)).unread).toBe(2)
    expect((await markRead(site.workspaceId, oki, {})).unread).toBe(0)
    expect((await inbox(site.workspaceId, ayu)).unread).toBe(1)

    // Bad input beside the good: an empty list, a field the route does not know, no token.
    const empty = ErrorBody.parse(await markRead(site.workspaceId, ayu, { ids: [] }, 400))
    expect(empty.error.code).toBe('bad_request')
    await markRead(site.workspaceId, ayu, { all: true }, 400)
    await api(server, 'GET', inboxPath(site.workspaceId), { expect: 401 })
    const elsewhere = await Site.open(server, 'Another workspace')
    await api(server, 'GET', inboxPath(elsewhere.workspaceId), { token: ayu.token, expect: 403 })
    expect((await inbox(site.workspaceId, ayu)).unread).toBe(1)
  })

  it('tells those who attended a session of its decision, and nobody who did not', async () => {
    const site = await Site.open(server, 'Decisions')
    const ayu = await site.join('stakeholder', 'Ayu')
    const budi = await site.join('stakeholder', 'Budi')
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Deciding workshop')
    await commands.run(session.id, ayu.token, { type: 'attendance.join' })
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Bus lanes',
      text: 'Bus lanes on Jalan Asia Afrika.',
    })
    await commands.run(session.id, ayu.token, { type: 'position.take', value: 'agree' })
    await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    const decided = await waitForNotice(
      site.workspaceId,
      ayu,
      (n) => n.kind === 'decision_recorded',
      'Ayu, who attended, to be told of the decision',
    )
    expect(decided).toMatchObject({ subject: 'Bus lanes', place: { sessionId: session.id } })
    // Budi heard the session start but was not there: no decision for him.
    await waitForNotice(site.workspaceId, budi, (n) => n.kind === 'session_started', 'Budi told')
    expect((await inbox(site.workspaceId, budi)).notifications.map((n) => n.kind)).toEqual([
      'session_started',
    ])
  })

  describe('in a mediation', () => {
    let scene: MediationScene
    beforeAll(async () => {
      scene = await openMediation(server)
    })
    const workspace = () => scene.site.workspaceId

    it('asks each party’s representatives to sign, and tells term owners once of what falls due or is overdue', async () => {
      const drafted = await draftAgreement(server, scene, {
        terms: [
          {
            text: 'Quiet charging at night.',
            ownerId: scene.budi.participant.id,
            dueDate: inDays(2),
          },
          { text: 'Name two residents.', ownerId: scene.rina.participant.id, dueDate: inDays(-3) },
          { text: 'Review in a year.', ownerId: scene.sari.participant.id, dueDate: inDays(365) },
        ],
      })
      for (const person of [scene.budi, scene.sari, scene.rina]) {
        await waitForNotice(
          workspace(),
          person,
          (n) => n.kind === 'signature_needed' && n.subject === drafted.title,
          `${person.participant.displayName} to be asked to sign`,
        )
      }
      const outsider = scene.outsiders.stakeholder
      expect(
        (await inbox(workspace(), outsider)).notifications.some(
          (n) => n.kind === 'signature_needed',
        ),
      ).toBe(false)

      await signedByBoth(server, scene, drafted)
      const due = await waitForNotice(
        workspace(),
        scene.budi,
        (n) => n.kind === 'term_due',
        'Budi to be told his term falls due in two days',
      )
      expect(due).toMatchObject({
        subject: 'Quiet charging at night.',
        actorName: null,
        place: { page: 'agreement', agreementId: drafted.id },
      })
      await waitForNotice(workspace(), scene.rina, (n) => n.kind === 'term_overdue', 'Rina told')
      // A later sweep finds a term of a second agreement; it told the first ones no second time.
      const later = await draftAgreement(server, scene, {
        title: 'Depot: lighting',
        terms: [
          { text: 'Dim the yard lights.', ownerId: scene.rina.participant.id, dueDate: inDays(1) },
        ],
      })
      await signedByBoth(server, scene, later)
      await waitForNotice(
        workspace(),
        scene.rina,
        (n) => n.kind === 'term_due' && n.subject === 'Dim the yard lights.',
        'a later sweep to tell Rina of her new term',
      )
      const count = async (person: Person, kind: Notification['kind']) =>
        (await inbox(workspace(), person)).notifications.filter((n) => n.kind === kind).length
      expect(await count(scene.budi, 'term_due')).toBe(1)
      expect(await count(scene.rina, 'term_overdue')).toBe(1)
      // A term due next year tells nobody yet.
      expect(await count(scene.sari, 'term_due')).toBe(0)
    })

    it('tells who is mentioned in a caucus’s notes only if they may read them', async () => {
      const { caucus } = await api<{ caucus: Caucus }>(
        server,
        'POST',
        `/api/sessions/${scene.session.id}/caucuses`,
        { token: scene.mediator.token, body: { partyId: scene.transport.id } },
      )
      const notes = connectClient(server, caucus.notesRoom, {
        params: { token: scene.mediator.token },
      })
      await waitForSynced(notes)
      openThread(
        notes.doc,
        'c1',
        scene.mediator,
        '@Budi Santoso and @Sinta Stake: what of the noise at night?',
      )
      await waitForNotice(
        workspace(),
        scene.budi,
        (n) => n.kind === 'mention' && n.place.page === 'caucus',
        'Budi, a member of the party, to be told he was mentioned',
      )
      // Sinta may not enter the caucus: the mention, stored with Budi's, told her nothing.
      expect(
        (await inbox(workspace(), scene.outsiders.stakeholder)).notifications.some(
          (n) => n.kind === 'mention',
        ),
      ).toBe(false)
    })
  })

  it('tells a thread’s author of replies and the mentioned of mentions, once each', async () => {
    const site = await Site.open(server, 'Comments')
    const ayu = await site.join('stakeholder', 'Ayu Lestari')
    const budi = await site.join('stakeholder', 'Budi')
    const citra = await site.join('commenter', 'Citra')
    const plan = await site.document('Rencana mobilitas')
    const open = async (person: Person) => {
      const client = connectClient(server, plan.commentsRoom, { params: { token: person.token } })
      await waitForSynced(client)
      return client
    }
    const ayuComments = await open(ayu)
    openThread(ayuComments.doc, 't1', ayu, 'Is the depot too close?')
    const budiComments = await open(budi)
    await waitFor(() => budiComments.doc.getMap('threads').has('t1'), 'Budi to see the thread')
    addReply(
      budiComments.doc,
      't1',
      entry('t1-2', budi, 'No. @citra, @nobody and ayu@example.org: see page 3.'),
    )
    const reply = await waitForNotice(
      site.workspaceId,
      ayu,
      (n) => n.kind === 'reply',
      'Ayu to be told of the reply to her thread',
    )
    expect(reply).toMatchObject({
      actorName: 'Budi',
      place: { page: 'document', documentId: plan.id, threadId: 't1' },
    })
    expect(reply.subject).toContain('see page 3')
    await waitForNotice(site.workspaceId, citra, (n) => n.kind === 'mention', 'Citra mentioned')

    // Ayu answers, naming Budi: he is told of the mention (once), not of a reply besides.
    addReply(ayuComments.doc, 't1', entry('t1-3', ayu, 'Thanks @Budi!'))
    await waitForNotice(site.workspaceId, budi, (n) => n.kind === 'mention', 'Budi mentioned')
    const budiKinds = (await inbox(site.workspaceId, budi)).notifications.map((n) => n.kind)
    expect(budiKinds).toEqual(['mention'])
    // Ayu's own words tell Ayu nothing, and the e-mail address mentioned nobody.
    const ayuKinds = (await inbox(site.workspaceId, ayu)).notifications.map((n) => n.kind)
    expect(ayuKinds).toEqual(['reply'])
    // Citra was told once, though the thread has grown since.
    expect((await inbox(site.workspaceId, citra)).notifications).toHaveLength(1)
  })
})

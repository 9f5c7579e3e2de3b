import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import type { AuditEntry } from '../../shared/src/schema/audit.js'
import type { Caucus } from '../../shared/src/schema/mediation.js'
import {
  addReply,
  deleteComment,
  editComment,
  readThreads,
  setResolved,
  threadsOf,
} from '../../shared/src/ydoc/comments.js'
import { type Client, connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { commentedAt, entry, openThread } from '../helpers/comment-threads.js'
import { openMediation, type Person } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

const at = commentedAt

/** Changes a comment's text, keeping the name of `author` on it. */
const edit = (doc: Y.Doc, commentId: string, author: Person, text: string) =>
  editComment(doc, 't1', commentId, {
    text,
    editedAt: at,
    authorName: author.participant.displayName,
  })

const refused = (client: Client) => client.closes.some((c) => c.code === CloseCode.updateRefused)

/**
 * The rules of a comments room, played by three people on real providers: an author, someone
 * else who may comment, and a moderator (who also watches as a third client).
 */
const playRules = async (
  server: TestServer,
  room: string,
  people: { author: Person; other: Person; moderator: Person },
): Promise<void> => {
  const { author, other, moderator } = people
  const open = async (person: Person): Promise<Client> => {
    const client = connectClient(server, room, { params: { token: person.token } })
    await waitForSynced(client)
    return client
  }
  /** What a fresh third client reads now: thread id → comment id → text. */
  const stored = async () => {
    const reader = await open(moderator)
    const threads = readThreads(reader.doc)
    reader.destroy()
    return Object.fromEntries(
      threads.map((thread) => [
        thread.id,
        {
          quote: thread.quote,
          resolved: thread.resolved,
          comments: Object.fromEntries(thread.comments.map((c) => [c.id, c.text])),
        },
      ]),
    )
  }
  /** `change` made by `person` is refused with 4422, and the room is as it was. */
  const expectRefused = async (person: Person, change: (doc: Y.Doc) => void, what: string) => {
    const before = await stored()
    const client = await open(person)
    change(client.doc)
    await waitFor(() => refused(client), `${what} refused`)
    client.destroy()
    expect(await stored(), what).toEqual(before)
  }
  /** `change` made by `person` reaches the moderator's open client, and nobody is refused. */
  const expectAccepted = async (
    person: Person,
    change: (doc: Y.Doc) => void,
    seen: (doc: Y.Doc) => boolean,
    what: string,
  ) => {
    const client = await open(person)
    change(client.doc)
    await waitFor(() => seen(watcher.doc) || refused(client), what)
    expect(refused(client), what).toBe(false)
    client.destroy()
  }
  const watcher = await open(moderator)
  const thread = (doc: Y.Doc) => readThreads(doc).find((item) => item.id === 't1')
  const comment = (doc: Y.Doc, id: string) => thread(doc)?.comments.find((c) => c.id === id)

  await expectAccepted(
    author,
    (doc) => openThread(doc, 't1', author, 'Who pays for the new depot?'),
    (doc) => comment(doc, 't1-1') !== undefined,
    'the author opens a thread',
  )
  await expectAccepted(
    other,
    (doc) => addReply(doc, 't1', entry('r1', other, 'The city, says the draft budget.')),
    (doc) => comment(doc, 'r1') !== undefined,
    'someone else replies',
  )

  await expectRefused(other, (doc) => deleteComment(doc, 't1', 't1-1'), "deleting another's")
  await expectRefused(
    other,
    (doc) => edit(doc, 't1-1', author, 'Nobody needs a depot.'),
    "editing another's text",
  )
  await expectRefused(
    other,
    (doc) => threadsOf(doc).get('t1')?.set('quote', 'the depot stays where it is'),
    "rewriting the thread's quote",
  )
  await expectRefused(other, (doc) => threadsOf(doc).delete('t1'), "deleting another's thread")

  await expectAccepted(
    other,
    (doc) => edit(doc, 'r1', other, 'The province, says the draft budget.'),
    (doc) => comment(doc, 'r1')?.text === 'The province, says the draft budget.',
    'editing their own comment',
  )
  await expectAccepted(
    other,
    (doc) => setResolved(doc, 't1', true),
    (doc) => thread(doc)?.resolved === true,
    "resolving another's thread",
  )
  await expectAccepted(
    other,
    (doc) => setResolved(doc, 't1', false),
    (doc) => thread(doc)?.resolved === false,
    "reopening another's thread",
  )
  await expectAccepted(
    other,
    (doc) => deleteComment(doc, 't1', 'r1'),
    (doc) => comment(doc, 'r1') === undefined,
    'deleting their own comment',
  )
  expect(await stored()).toEqual({
    t1: {
      quote: 'the bus depot moves to Jalan Merdeka',
      resolved: false,
      comments: { 't1-1': 'Who pays for the new depot?' },
    },
  })

  // The author's device keeps everything it saw, others' comments and deletions included.
  const device = await open(author)
  const storedCopy = Y.encodeStateAsUpdate(device.doc)
  device.destroy()

  await expectAccepted(
    moderator,
    (doc) => deleteComment(doc, 't1', 't1-1'),
    (doc) => thread(doc) === undefined,
    "a moderator removes another's comment, and with it the emptied thread",
  )
  expect(await stored()).toEqual({})

  // A reload: the offline copy finishes loading once the socket is open and before the
  // server's reply, so the provider sends all of it. What the room already holds is a no-op.
  const reloaded = connectClient(server, room, {
    params: { token: author.token },
    connect: false,
  })
  reloaded.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && reloaded.doc.share.size === 0) {
      Y.applyUpdate(reloaded.doc, storedCopy)
    }
  })
  reloaded.provider.connect()
  await waitForSynced(reloaded)
  // A round trip after the stored copy went out: had it been refused, the socket would be shut.
  await expectAccepted(
    author,
    (doc) => openThread(doc, 't2', author, 'And who runs it?'),
    (doc) => thread(doc) === undefined && readThreads(doc).some((item) => item.id === 't2'),
    'a new thread after the reload',
  )
  await waitFor(() => readThreads(reloaded.doc).some((item) => item.id === 't2'), 't2 relayed')
  expect(refused(reloaded)).toBe(false)
  expect(reloaded.provider.wsconnected).toBe(true)
  // The copy brought back nothing the moderator removed.
  expect(Object.keys(await stored())).toEqual(['t2'])
  watcher.destroy()
  reloaded.destroy()
}

describe('comment rules: who may write, edit, resolve and remove', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const moderations = async (site: Site): Promise<AuditEntry[]> =>
    (await site.audit()).filter((item) => item.action === 'comments.moderated')

  it("holds in a document's comments room, and logs a moderator's removal", async () => {
    const site = await Site.open(server)
    const author = await site.join('stakeholder', 'Ayu Lestari', 'community')
    const other = await site.join('commenter', 'Budi Santoso', 'business')
    const moderator = { participant: site.created.participant, token: site.token }
    const { commentsRoom } = await site.document('Bus depot plan')
    await playRules(server, commentsRoom, { author, other, moderator })
    const logged = await moderations(site)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      actorId: moderator.participant.id,
      target: 't1',
      details: {
        room: commentsRoom,
        threadRemoved: true,
        comments: [{ id: 't1-1', authorId: author.participant.id }],
      },
    })
  })

  it("holds in a caucus's notes room, and logs the mediator's removal", async () => {
    const scene = await openMediation(server)
    const { caucus } = await api<{ caucus: Caucus }>(
      server,
      'POST',
      `/api/sessions/${scene.session.id}/caucuses`,
      { token: scene.mediator.token, body: { partyId: scene.transport.id } },
    )
    await playRules(server, caucus.notesRoom, {
      author: scene.budi,
      other: scene.sari,
      moderator: scene.mediator,
    })
    const logged = await moderations(scene.site)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      actorId: scene.mediator.participant.id,
      target: 't1',
      details: { room: caucus.notesRoom, comments: [{ authorId: scene.budi.participant.id }] },
    })
  })

  it('lets anyone clear a thread emptied of comments, once the last one is their own', async () => {
    const site = await Site.open(server)
    const ayu = await site.join('stakeholder', 'Ayu Lestari', 'community')
    const budi = await site.join('commenter', 'Budi Santoso', 'business')
    const { commentsRoom } = await site.document('Depot noise')
    const open = async (person: Person) => {
      const client = connectClient(server, commentsRoom, { params: { token: person.token } })
      await waitForSynced(client)
      return client
    }
    const a = await open(ayu)
    openThread(a.doc, 't1', ayu, 'Noise at night?')
    addReply(a.doc, 't1', entry('a2', ayu, 'Buses start at 4 am.'))
    const b = await open(budi)
    await waitFor(() => readThreads(b.doc).length === 1, 'the thread to reach Budi')
    addReply(b.doc, 't1', entry('b1', budi, 'Electric buses are quiet.'))
    await waitFor(() => readThreads(a.doc)[0]?.comments.length === 3, 'his reply to reach Ayu')
    // Ayu removes her own two comments: Budi's reply keeps the thread.
    deleteComment(a.doc, 't1', 't1-1')
    deleteComment(a.doc, 't1', 'a2')
    await waitFor(() => readThreads(b.doc)[0]?.comments.length === 1, 'her deletions to reach Budi')
    // Budi removes the last comment, his: the emptied thread goes with it though Ayu opened it.
    deleteComment(b.doc, 't1', 'b1')
    await waitFor(() => readThreads(a.doc).length === 0 || refused(b), 'the thread removed')
    expect(refused(b)).toBe(false)
    expect(refused(a)).toBe(false)
  })
})

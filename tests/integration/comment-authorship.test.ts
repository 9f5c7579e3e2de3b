import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeComments } from '../../server/src/domain/plans-and-versions/comment-authorship.js'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { addThread, readThreads, threadsOf } from '../../shared/src/ydoc/comments.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

const thread = (doc: Y.Doc, id: string, author: string, name: string, text: string) =>
  addThread(
    doc,
    {
      id,
      anchorStart: new Uint8Array([1]),
      anchorEnd: new Uint8Array([2]),
      quote: 'bus depot',
      createdAt: '2026-11-28T05:00:00.000Z',
      createdBy: author,
    },
    {
      id: `${id}-1`,
      authorId: author,
      authorName: name,
      authorGroup: 'community',
      text,
      createdAt: '2026-11-28T05:00:00.000Z',
    },
  )

describe('who wrote a comment', () => {
  let server: TestServer
  let site: Site
  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it("not_comment_author: refuses taking over someone else's thread, and keeps theirs as they wrote it", async () => {
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const { commentsRoom } = await site.document('commented plan')
    const open = (token: string) => connectClient(server, commentsRoom, { params: { token } })
    const a = open(ayu.token)
    await waitForSynced(a)
    thread(a.doc, 't1', ayu.participant.id, 'Ayu', 'Is the budget realistic?')
    const b = open(budi.token)
    await waitForSynced(b)
    await waitFor(() => readThreads(b.doc).length === 1, "Ayu's thread to reach Budi")
    // Budi rewrites who opened Ayu's thread: an overwrite carries no key of its own on the wire.
    threadsOf(b.doc).get('t1')?.set('createdBy', budi.participant.id)
    await waitFor(
      () => b.closes.some((close) => close.code === CloseCode.updateRefused),
      'the takeover refused',
    )
    b.destroy()
    // His own thread, in his own name, is fine.
    const honest = open(budi.token)
    await waitForSynced(honest)
    thread(honest.doc, 't2', budi.participant.id, 'Budi', 'Ask the operator for the noise study.')
    const check = open(site.token)
    await waitForSynced(check)
    await waitFor(() => readThreads(check.doc).length === 2, "Budi's honest thread")
    expect(
      readThreads(check.doc)
        .map((item) => [item.id, item.createdBy])
        .sort(),
    ).toEqual([
      ['t1', ayu.participant.id],
      ['t2', budi.participant.id],
    ])
  })

  it('refuses content a comments room never holds, which could hide an author from the check', () => {
    const me = { id: 'me', displayName: 'Me', role: 'stakeholder' as const }
    const allowed = (update: Uint8Array) => judgeComments(update, new Y.Doc(), me).allowed
    // An entry encoded as JSON content (the old Yjs encoding) naming someone else as author.
    const doc = new Y.Doc()
    const threads = threadsOf(doc)
    doc.transact((transaction) => {
      const item = new Y.Item(
        Y.createID(doc.clientID, 0),
        null,
        null,
        null,
        null,
        threads,
        't1',
        new Y.ContentJSON([{ authorId: 'someone-else' }]),
      )
      item.integrate(transaction, 0)
    })
    expect(allowed(Y.encodeStateAsUpdate(doc))).toBe(false)
    // The same thread as any client writes it today is judged on its author.
    const honest = new Y.Doc()
    thread(honest, 't1', 'me', 'Me', 'Is the budget realistic?')
    expect(allowed(Y.encodeStateAsUpdate(honest))).toBe(true)
    const other = new Y.Doc()
    thread(other, 't1', 'someone-else', 'Me', 'Is the budget realistic?')
    expect(allowed(Y.encodeStateAsUpdate(other))).toBe(false)
    // My id with someone else's name: others would read it as theirs.
    const posing = new Y.Doc()
    thread(posing, 't1', 'me', 'Ayu', 'Is the budget realistic?')
    expect(allowed(Y.encodeStateAsUpdate(posing))).toBe(false)
    // An overwrite whose neighbour is nowhere cannot be judged, so it is refused.
    const elsewhere = new Y.Doc()
    const map = threadsOf(elsewhere)
    map.set('t1', new Y.Map())
    const before = Y.encodeStateVector(elsewhere)
    map.set('t1', new Y.Map())
    const orphan = Y.encodeStateAsUpdate(elsewhere, before)
    expect(allowed(orphan)).toBe(false)
    // A deletion of ids nobody holds yet would wait in Yjs and delete whatever arrives under them.
    const ahead = new Y.Doc()
    thread(ahead, 't9', 'me', 'Me', 'Written later.')
    const held = Y.encodeStateAsUpdate(ahead)
    threadsOf(ahead).delete('t9')
    const onlyDeletion = Y.encodeStateAsUpdate(ahead, Y.encodeStateVector(ahead))
    expect(judgeComments(onlyDeletion, new Y.Doc(), me)).toEqual({
      allowed: false,
      reason: 'the update holds changes that cannot be placed',
    })
    // The same deletion of a thread the room holds, by its author, is fine.
    const room = new Y.Doc()
    Y.applyUpdate(room, held)
    expect(judgeComments(onlyDeletion, room, me)).toEqual({
      allowed: true,
      moderations: [],
      wroteComment: false,
    })
  })
})

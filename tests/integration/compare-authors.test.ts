import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BlockChange, ChangeAuthor, Version } from '../../shared/src/schema/version.js'
import { textFragmentName } from '../../shared/src/ydoc/rooms.js'
import {
  type Client,
  connectClient,
  connectRaw,
  destroyClients,
  syncUpdateFrame,
  waitForSynced,
} from '../helpers/clients.js'
import { blocksOf, saved } from '../helpers/plan-text.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { countStored, readStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

const sentence = 'Ayu wants bus lanes on every main road by 2030.'

/** The Y.XmlText of the plan's first paragraph. */
const firstText = (client: Client): Y.XmlText =>
  (client.doc.getXmlFragment(textFragmentName).get(0) as Y.XmlElement).get(0) as Y.XmlText

const plainText = (client: Client) =>
  blocksOf(client)
    .map((block) => block.content?.map((node) => node.text).join('') ?? '')
    .join('\n')

/** Waits until `other` holds what `client` holds: the server has committed it by then. */
const settle = (client: Client, other: Client) => saved(client, other)

const names = (authors: readonly ChangeAuthor[] | undefined) =>
  (authors ?? []).map((author) => (author.kind === 'participant' ? author.displayName : 'former'))

describe('who made each change in a comparison of versions', () => {
  let server: TestServer
  let site: Site
  let ayu: { participant: { id: string }; token: string }
  let budi: { participant: { id: string }; token: string }
  let documentId: string
  let room: string
  let ayuClient: number
  const versions: Record<'empty' | 'ayu' | 'budi', string> = { empty: '', ayu: '', budi: '' }

  const saveVersion = async (name: string) =>
    (
      await api<{ version: Version }>(server, 'POST', `/api/documents/${documentId}/versions`, {
        token: site.token,
        body: { name },
      })
    ).version.id

  const compare = async (from: string, to: string) =>
    (
      await api<{ changes: BlockChange[] }>(
        server,
        'GET',
        `/api/documents/${documentId}/compare?from=${from}&to=${to}`,
        { token: site.token },
      )
    ).changes

  /** The comparisons the test asserts, to check they read the same after a restart and more. */
  const comparisons = async () => ({
    ayu: await compare(versions.empty, versions.ayu),
    budi: await compare(versions.ayu, versions.budi),
    both: await compare(versions.empty, versions.budi),
  })

  beforeAll(async () => {
    server = await startServer()
    site = await Site.open(server)
    ayu = await site.join('stakeholder', 'Ayu', 'community')
    budi = await site.join('stakeholder', 'Budi', 'business')
    const document = await site.document('Mobility plan')
    documentId = document.id
    room = document.room
    versions.empty = await saveVersion('empty')

    // Ayu types her sentence a word at a time, each word its own update.
    const ayuEditor = connectClient(server, room, { params: { token: ayu.token } })
    const budiEditor = connectClient(server, room, { params: { token: budi.token } })
    await Promise.all([waitForSynced(ayuEditor), waitForSynced(budiEditor)])
    ayuClient = ayuEditor.doc.clientID
    const fragment = ayuEditor.doc.getXmlFragment(textFragmentName)
    const line = new Y.XmlText()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [line])
    fragment.insert(0, [paragraph])
    for (const word of sentence.match(/\S+\s*/g) ?? []) {
      line.insert(line.length, word)
      await settle(ayuEditor, budiEditor)
    }
    versions.ayu = await saveVersion('Ayu wrote')

    // Budi deletes "main" a character at a time, as backspace would, and types "busy". The
    // comparison marks "main " and "busy " (words go with their space): the space is still Ayu's.
    const theirs = firstText(budiEditor)
    const at = sentence.indexOf('main')
    for (let index = at + 'main'.length - 1; index >= at; index--) {
      theirs.delete(index, 1)
      await settle(budiEditor, ayuEditor)
    }
    theirs.insert(at, 'busy')
    await settle(budiEditor, ayuEditor)
    // Four updates deleted four neighbouring characters: one stored range.
    const ranges = await readStore<{ clock: number; length: number }>(
      server,
      'SELECT clock, length FROM room_deletion WHERE room = ? AND participant_id = ?',
      room,
      budi.participant.id,
    )
    expect(
      ranges.map(({ clock, length }) => ({ clock: Number(clock), length: Number(length) })),
    ).toEqual([{ clock: expect.any(Number), length: 'main'.length }])
    expect(plainText(ayuEditor)).toBe(sentence.replace('main ', 'busy '))
    versions.budi = await saveVersion('Budi edited')
    destroyClients()
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const expectAuthors = (changes: Awaited<ReturnType<typeof comparisons>>) => {
    // Ayu's sentence is hers alone.
    expect(changes.ayu).toHaveLength(1)
    const [added] = changes.ayu as [BlockChange]
    expect(added.op).toBe('added')
    expect(added.insertedBy).toEqual([
      { kind: 'participant', participantId: ayu.participant.id, displayName: 'Ayu' },
    ])
    expect(added.removedBy).toBeUndefined()

    // Budi's word and his deletion of Ayu's are his, word by word; Ayu's words are untouched.
    const [changed] = changes.budi as [BlockChange]
    expect(changed.op).toBe('changed')
    const marked = (changed.words ?? []).filter((word) => word.op !== 'same')
    expect(marked.map((word) => [word.op, word.text, names(word.by)])).toEqual([
      ['removed', 'main ', ['Budi']],
      ['added', 'busy ', ['Budi']],
    ])
    expect(names(changed.insertedBy)).toEqual(['Budi'])
    expect(names(changed.removedBy)).toEqual(['Budi'])

    // From nothing to the end: a paragraph both of them wrote, nothing removed.
    const [both] = changes.both as [BlockChange]
    expect(both.op).toBe('added')
    expect(names(both.insertedBy).sort()).toEqual(['Ayu', 'Budi'])
  }

  it('names who inserted and who removed each change', async () => {
    expectAuthors(await comparisons())
  })

  it('names the same people after a restart and after compaction', async () => {
    const before = await comparisons()
    await server.stop()
    // Every commit compacts now: the log is folded into a snapshot by the edit below.
    server = await startServer({ dataDir: server.dataDir, env: { COMPACT_AFTER_UPDATES: '1' } })
    site = site.on(server)
    expect(await comparisons()).toEqual(before)

    const ayuEditor = connectClient(server, room, { params: { token: ayu.token } })
    await waitForSynced(ayuEditor)
    const line = firstText(ayuEditor)
    line.insert(line.length, ' Soon.')
    await waitFor(
      async () =>
        (await countStored(
          server,
          'SELECT count(*) AS n FROM room_update WHERE room = ?',
          room,
        )) === 0 &&
        (await countStored(
          server,
          'SELECT count(*) AS n FROM room_snapshot WHERE room = ?',
          room,
        )) === 1,
      'the room to be compacted',
    )
    expect(await comparisons()).toEqual(before)
    expectAuthors(before)
  })

  it('names who restored a version as the author of what the restore changed', async () => {
    await api(server, 'POST', `/api/documents/${documentId}/versions/${versions.ayu}/restore`, {
      token: site.token,
      expect: 200,
    })
    const [changed] = (await compare(versions.budi, 'live')).filter(
      (change) => change.op !== 'same',
    ) as [BlockChange]
    const marked = (changed.words ?? []).filter((word) => word.op !== 'same')
    expect(marked.map((word) => [word.op, word.text.trim(), names(word.by)])).toEqual([
      ['removed', 'busy', ['Fasilitator']],
      ['added', 'main', ['Fasilitator']],
    ])
  })

  it("refuses an update written under someone else's client id, even after a restart", async () => {
    // No presence of Ayu's is left after the restart above: only the stored writers know.
    const witness = connectClient(server, room, { params: { token: site.token } })
    await waitForSynced(witness)
    const textBefore = plainText(witness)
    // Words under Ayu's client id, continuing her clock: as if she had written them.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(witness.doc))
    forged.clientID = ayuClient
    const known = Y.encodeStateVector(forged)
    const line = (forged.getXmlFragment(textFragmentName).get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText
    line.insert(0, 'Ayu agrees: ')
    const update = Y.encodeStateAsUpdate(forged, known)

    const asBudi = await connectRaw(server, `${room}?token=${budi.token}`)
    asBudi.send(syncUpdateFrame(update))
    const closed = await asBudi.closed
    expect(closed.code).toBe(1008)
    expect(closed.reason).toMatch(/another participant's/)
    const fresh = connectClient(server, room, { params: { token: site.token } })
    await waitForSynced(fresh)
    expect(plainText(fresh)).toBe(textBefore)

    // Re-sending what others wrote, with words of his own under a new id, is fine: only what
    // is new to the server is judged.
    const relay = new Y.Doc()
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(witness.doc))
    const relayed = relay.getXmlFragment(textFragmentName)
    relayed.insert(relayed.length, [new Y.XmlElement('paragraph')])
    ;(relayed.get(relayed.length - 1) as Y.XmlElement).insert(0, [new Y.XmlText('Budi relays.')])
    const relaying = await connectRaw(server, `${room}?token=${budi.token}`)
    relaying.send(syncUpdateFrame(Y.encodeStateAsUpdate(relay)))
    await waitFor(() => plainText(witness).endsWith('Budi relays.'), 'Budi’s relayed update')
    relaying.ws.close()

    // The very same bytes are Ayu's to send.
    const asAyu = await connectRaw(server, `${room}?token=${ayu.token}`)
    asAyu.send(syncUpdateFrame(update))
    await waitFor(() => plainText(witness).startsWith('Ayu agrees: '), 'Ayu’s words to arrive')
    asAyu.ws.close()
  })

  it('still refuses unknown versions with the usual error', async () => {
    const response = await fetch(
      `${server.httpUrl}/api/documents/${documentId}/compare?from=no-such-version&to=live`,
      { headers: { authorization: `Bearer ${site.token}` } },
    )
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: { code: string } }
    expect(body.error.code).toBe('not_found')
  })

  it('shows someone no longer in the workspace as a former participant', async () => {
    await api(
      server,
      'DELETE',
      `/api/workspaces/${site.workspaceId}/participants/${budi.participant.id}`,
      {
        token: site.token,
      },
    )
    const [changed] = await compare(versions.ayu, versions.budi)
    expect(changed?.insertedBy).toEqual([{ kind: 'former' }])
    expect(changed?.removedBy).toEqual([{ kind: 'former' }])
  })

  it('deletes who wrote what with the workspace', async () => {
    await api(server, 'DELETE', `/api/workspaces/${site.workspaceId}`, { token: site.token })
    for (const table of ['room_writer', 'room_deletion']) {
      expect(
        await countStored(server, `SELECT count(*) AS n FROM ${table} WHERE room = ?`, room),
        table,
      ).toBe(0)
    }
  })
})

import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Session } from '../../shared/src/schema/session.js'
import { addThread } from '../../shared/src/ydoc/comments.js'
import { textFragmentName } from '../../shared/src/ydoc/rooms.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { occurrencesUnder } from '../helpers/data-dir.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/** A word nobody else writes, so every byte of it found on disk belongs to this workspace. */
const newMarker = () => `erase${randomBytes(8).toString('hex')}`

/**
 * A workspace whose title, people, plan text (typed through the official client), comments,
 * version, session and decision record all carry `marker`. Resolves once all of it is stored.
 */
const fillWorkspace = async (server: TestServer, marker: string): Promise<Site> => {
  const site = await Site.open(server, `Kota ${marker}`)
  const sari = await site.join('stakeholder', `Sari ${marker}`, 'business')
  // Her name with her earlier group is kept apart (earlier_identity): it must go too.
  await api(
    server,
    'PATCH',
    `/api/workspaces/${site.workspaceId}/participants/${sari.participant.id}`,
    {
      token: site.token,
      body: { group: 'academia' },
    },
  )
  const document = await site.document(`Plan ${marker}`)

  const writer = connectClient(server, document.room, { params: { token: sari.token } })
  const witness = connectClient(server, document.room, { params: { token: site.token } })
  await Promise.all([waitForSynced(writer), waitForSynced(witness)])
  const fragment = writer.doc.getXmlFragment(textFragmentName)
  // Separate commits, enough to compact the room (COMPACT_AFTER_UPDATES below) and keep a log.
  for (let i = 0; i < 6; i++) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(`Line ${i}: ${marker}`)])
    fragment.insert(fragment.length, [paragraph])
    const expected = fragment.length
    await waitFor(
      () => witness.doc.getXmlFragment(textFragmentName).length === expected,
      `line ${i} to be stored`,
    )
  }

  const comments = connectClient(server, document.commentsRoom, { params: { token: sari.token } })
  const commentsWitness = connectClient(server, document.commentsRoom, {
    params: { token: site.token },
  })
  await Promise.all([waitForSynced(comments), waitForSynced(commentsWitness)])
  addThread(
    comments.doc,
    {
      id: 'thread-1',
      anchorStart: new Uint8Array([1]),
      anchorEnd: new Uint8Array([2]),
      quote: `Line 0: ${marker}`,
      createdAt: new Date().toISOString(),
      createdBy: sari.participant.id,
    },
    {
      id: 'comment-1',
      authorId: sari.participant.id,
      authorName: `Sari ${marker}`,
      authorGroup: 'business',
      text: `I object to ${marker}`,
      createdAt: new Date().toISOString(),
    },
  )
  await waitFor(
    () => commentsWitness.doc.getMap('threads').has('thread-1'),
    'the comment to be stored',
  )

  await api(server, 'POST', `/api/documents/${document.id}/versions`, {
    token: site.token,
    body: { name: `Draft ${marker}` },
  })
  const { session } = await api<{ session: Session }>(
    server,
    'POST',
    `/api/workspaces/${site.workspaceId}/sessions`,
    { token: site.token, body: { title: `Workshop ${marker}`, kind: 'workshop' } },
  )
  const command = (token: string, body: unknown) =>
    api(server, 'POST', `/api/sessions/${session.id}/commands`, { token, body, expect: 200 })
  await command(site.token, { type: 'proposal.open', title: `Depot ${marker}`, text: marker })
  await command(sari.token, { type: 'position.take', value: 'object', reason: marker })
  // Adopted over the objection, confirmed, so the reason is also kept in the decision record.
  await command(site.token, { type: 'proposal.close', outcome: 'adopted', overObjections: 1 })
  return site
}

describeSqliteOnly('erasing a workspace while its rooms commit', () => {
  it('leaves no byte of what a commit under way stored after the rows went', async () => {
    // Each commit takes a while, so one is under way (taken, not yet stored) as the rows go.
    const server = await startServer({ env: { TEST_FAULT_SLOW_COMMITS_MS: '300' } })
    const marker = newMarker()
    const site = await Site.open(server, 'Kota cepat')
    const typist = await site.connect('Busy plan')
    await waitForSynced(typist)
    const text = typist.doc.getText('t')
    const typing = setInterval(() => text.insert(text.length, ` ${marker}`), 5)
    try {
      await waitFor(
        () => Object.keys(occurrencesUnder(server.dataDir, marker)).length > 0,
        'the typing to reach the disk',
      )
      await api(server, 'DELETE', `/api/workspaces/${site.workspaceId}`, { token: site.token })
    } finally {
      clearInterval(typing)
    }
    expect(occurrencesUnder(server.dataDir, marker)).toEqual({})
    await server.stop()
  })
})

describeSqliteOnly('erasing a workspace', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { COMPACT_AFTER_UPDATES: '4' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('leaves no byte of it in any file under DATA_DIR, while another workspace keeps typing', async () => {
    const marker = newMarker()
    const site = await fillWorkspace(server, marker)
    // The scan does find what is there: before the erase, the marker is on disk.
    expect(Object.keys(occurrencesUnder(server.dataDir, marker)).length).toBeGreaterThan(0)

    // Another workspace commits all the while (the sync core's commit queue keeps running).
    const other = await Site.open(server, 'Kota lain')
    const typist = await other.connect('Busy plan')
    const reader = await other.connect('Busy plan')
    await Promise.all([waitForSynced(typist), waitForSynced(reader)])
    const busy = typist.doc.getText('t')
    const typing = setInterval(() => busy.insert(busy.length, 'x'), 2)

    try {
      const plan = await site.document(`Plan ${marker}`)
      await api(server, 'DELETE', `/api/workspaces/${site.workspaceId}`, { token: site.token })
      // Nor its ids: no row anywhere still points at it.
      for (const needle of [marker, site.workspaceId, site.created.participant.id, plan.id]) {
        expect(occurrencesUnder(server.dataDir, needle), needle).toEqual({})
      }
    } finally {
      clearInterval(typing)
    }
    // The other workspace lost nothing.
    const typed = busy.toString()
    await waitFor(() => reader.doc.getText('t').toString() === typed, 'the typing to converge')
    expect(typed.length).toBeGreaterThan(0)
  })

  it('empties the write-ahead log as soon as another process stops reading it', async () => {
    const marker = newMarker()
    const site = await fillWorkspace(server, marker)
    // An operator's reader keeps a snapshot open: no checkpoint can empty the WAL meanwhile.
    const reader = openStore(server.dataDir)
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM workspace').get()
    let answered = false
    const deleted = api(server, 'DELETE', `/api/workspaces/${site.workspaceId}`, {
      token: site.token,
    }).then(() => {
      answered = true
    })
    const gone = async () =>
      (
        await fetch(`${server.httpUrl}/api/workspaces/${site.workspaceId}`, {
          headers: { authorization: `Bearer ${site.token}` },
        })
      ).status === 401
    await waitFor(gone, 'the rows to be deleted')
    expect(answered).toBe(false)
    expect(Object.keys(occurrencesUnder(server.dataDir, marker)).length).toBeGreaterThan(0)
    reader.exec('COMMIT')
    reader.close()
    await deleted
    expect(occurrencesUnder(server.dataDir, marker)).toEqual({})
  })

  it('clears what was deleted before secure_delete, on the first start of this version', async () => {
    const marker = newMarker()
    const old = await startServer()
    const site = await fillWorkspace(old, marker)
    expect(await old.stop()).toBe(0)
    // As an older server deleted: rows gone, their bytes left in free space.
    const db = openStore(old.dataDir)
    db.pragma('foreign_keys = ON')
    db.prepare(
      'DELETE FROM room_update WHERE room IN (SELECT name FROM room WHERE workspace_id = ?)',
    ).run(site.workspaceId)
    db.prepare(
      'DELETE FROM room_snapshot WHERE room IN (SELECT name FROM room WHERE workspace_id = ?)',
    ).run(site.workspaceId)
    db.prepare('DELETE FROM workspace WHERE id = ?').run(site.workspaceId)
    db.pragma('application_id = 0')
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    expect(Object.keys(occurrencesUnder(old.dataDir, marker)).length).toBeGreaterThan(0)

    const upgraded = await startServer({ dataDir: old.dataDir })
    expect(occurrencesUnder(old.dataDir, marker)).toEqual({})
    expect(await upgraded.stop()).toBe(0)
  })
})

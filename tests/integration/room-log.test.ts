import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Durability, openDatabase } from '../../server/src/store/database.js'
import { schemaVersion } from '../../server/src/store/migrations.js'
import { RoomLog } from '../../server/src/store/room-log.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

afterAll(() => removeDataDirs())

const open = (dataDir = makeDataDir()) => {
  const db = openDatabase({ dataDir, durability: Durability.full, busyTimeoutMs: 100 })
  return { db, log: new RoomLog(db), dataDir }
}

/** Edits a document and collects the updates it emits, as the sync core would store them. */
const editsOf = (write: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  write(doc)
  return { doc, updates }
}

const rebuild = (updates: readonly Uint8Array[]): Y.Doc => {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

describe('room log (SQLite)', () => {
  it('migrates a new database to the current schema version, and reopens without migrating', () => {
    const { db, dataDir } = open()
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion)
    db.close()
    const again = open(dataDir)
    expect(again.db.pragma('user_version', { simple: true })).toBe(schemaVersion)
    again.db.close()
  })

  it('loads exactly what was appended, per room, in order', () => {
    const { db, log } = open()
    const a = editsOf((doc) => {
      for (let i = 0; i < 5; i++) doc.getText('plan').insert(0, `${i}`)
    })
    const b = editsOf((doc) => doc.getMap('agenda').set('stage', 'closing'))
    log.append([
      ...a.updates.map((update) => ({ room: 'a', update })),
      ...b.updates.map((update) => ({ room: 'b', update })),
    ])
    const loaded = log.load('a')
    expect(loaded.logLength).toBe(5)
    expect(rebuild(loaded.updates).getText('plan').toString()).toBe('43210')
    expect(rebuild(log.load('b').updates).getMap('agenda').toJSON()).toEqual({ stage: 'closing' })
    expect(log.load('unknown')).toEqual({ updates: [], logLength: 0, logBytes: 0, storedBytes: 0 })
    db.close()
  })

  it('appends a batch atomically: all rows or none', () => {
    const { db, log } = open()
    const bad = { room: 'atomic', update: null as unknown as Uint8Array }
    expect(() => log.append([{ room: 'atomic', update: new Uint8Array([0, 0]) }, bad])).toThrow()
    expect(log.load('atomic').logLength).toBe(0)
    db.close()
  })

  it('compacts a log into one snapshot that rebuilds the same document', () => {
    const { db, log } = open()
    const { doc, updates } = editsOf((doc) => {
      const text = doc.getText('plan')
      for (let i = 0; i < 200; i++) {
        text.insert(text.length, `${i},`)
        if (i % 3 === 0) text.delete(0, 2)
      }
    })
    log.append(updates.map((update) => ({ room: 'c', update })))
    const snapshotBytes = log.compact('c')
    const loaded = log.load('c')
    expect(loaded.logLength).toBe(0)
    expect(loaded.updates).toHaveLength(1)
    expect(loaded.storedBytes).toBe(snapshotBytes)
    const rebuilt = rebuild(loaded.updates)
    expect(rebuilt.getText('plan').toString()).toBe(doc.getText('plan').toString())
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc))

    // Updates after the snapshot are kept in the log and applied on top.
    const more = new Y.Doc()
    Y.applyUpdate(more, Y.encodeStateAsUpdate(doc))
    const after: Uint8Array[] = []
    more.on('update', (update: Uint8Array) => after.push(update))
    more.getText('plan').insert(0, 'after:')
    log.append(after.map((update) => ({ room: 'c', update })))
    expect(rebuild(log.load('c').updates).getText('plan').toString()).toBe(
      more.getText('plan').toString(),
    )
    db.close()
  })

  it('compacts from the live document when given one, without re-applying the log', () => {
    const { db, log } = open()
    const { doc, updates } = editsOf((doc) => {
      for (let i = 0; i < 50; i++) doc.getArray<number>('items').push([i])
    })
    log.append(updates.map((update) => ({ room: 'live', update })))
    const current = Y.encodeStateAsUpdate(doc)
    expect(log.compact('live', current)).toBe(current.byteLength)
    const loaded = log.load('live')
    expect(loaded.logLength).toBe(0)
    expect(rebuild(loaded.updates).getArray('items').toArray()).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    )
    db.close()
  })

  it('deletes every trace of a room', () => {
    const { db, log } = open()
    const { updates } = editsOf((doc) => doc.getText('plan').insert(0, 'secret'))
    log.append(updates.map((update) => ({ room: 'gone', update })))
    log.compact('gone')
    log.append(updates.map((update) => ({ room: 'gone', update })))
    log.delete('gone')
    expect(log.load('gone').updates).toEqual([])
    db.close()
  })
})

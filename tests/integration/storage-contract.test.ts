import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs } from '../helpers/server.js'
import {
  editsOf,
  freshStorages,
  type Opened,
  openPostgresStorage,
  openSqliteStorage,
  rebuild,
} from '../helpers/storages.js'

/*
 * The storage contract: what the domain and the sync core rely on, run against both engines
 * (SQLite in a temp directory, PostgreSQL in a fresh database).
 */

afterAll(() => removeDataDirs())

const workspace = (id: string) => ({
  id,
  name: 'Depok',
  description: '',
  createdAt: '2026-12-06T00:00:00.000Z',
  language: 'en' as const,
})
const update = new Uint8Array([0, 0])

const contract = (open: () => Promise<Opened>) => {
  const fresh = freshStorages(open)

  describe('rooms', () => {
    it('loads exactly what was appended, per room, in order; nothing for an unknown room', async () => {
      const { storage } = await fresh()
      const log = storage.repositories.roomLog
      const a = editsOf((doc) => {
        for (let i = 0; i < 5; i++) doc.getText('plan').insert(0, `${i}`)
      })
      const b = editsOf((doc) => doc.getMap('agenda').set('stage', 'closing'))
      await log.append([
        ...a.updates.map((update) => ({ room: 'a', update })),
        ...b.updates.map((update) => ({ room: 'b', update })),
      ])
      const loaded = await log.load('a')
      expect(loaded.logLength).toBe(5)
      expect(rebuild(loaded.updates).getText('plan').toString()).toBe('43210')
      expect(
        rebuild((await log.load('b')).updates)
          .getMap('agenda')
          .toJSON(),
      ).toEqual({ stage: 'closing' })
      expect(await log.load('unknown')).toEqual({
        updates: [],
        logLength: 0,
        logBytes: 0,
        storedBytes: 0,
        heads: new Map(),
      })
    })

    it('compacts a log into one snapshot that rebuilds the same document, and keeps later updates', async () => {
      const { storage } = await fresh()
      const log = storage.repositories.roomLog
      const { doc, updates } = editsOf((doc) => {
        const text = doc.getText('plan')
        for (let i = 0; i < 200; i++) {
          text.insert(text.length, `${i},`)
          if (i % 3 === 0) text.delete(0, 2)
        }
      })
      await log.append(updates.map((update) => ({ room: 'c', update })))
      const snapshotBytes = await storage.units.transaction((tx) => tx.roomLog.compact('c'))
      const loaded = await log.load('c')
      expect(loaded).toMatchObject({ logLength: 0, storedBytes: snapshotBytes })
      expect(loaded.updates).toHaveLength(1)
      expect(rebuild(loaded.updates).getText('plan').toString()).toBe(
        doc.getText('plan').toString(),
      )
      const after: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => after.push(update))
      doc.getText('plan').insert(0, 'after:')
      await log.append(after.map((update) => ({ room: 'c', update })))
      expect(
        rebuild((await log.load('c')).updates)
          .getText('plan')
          .toString(),
      ).toBe(doc.getText('plan').toString())
      // From the live document, the log is not re-applied: the snapshot is what was given.
      const current = { encoded: Y.encodeStateAsUpdate(doc), heads: new Map([['', 2]]) }
      expect(await storage.units.transaction((tx) => tx.roomLog.compact('c', current))).toBe(
        current.encoded.byteLength,
      )
    })

    it('deletes every trace of a room', async () => {
      const { storage } = await fresh()
      const log = storage.repositories.roomLog
      const { updates } = editsOf((doc) => doc.getText('plan').insert(0, 'secret'))
      await log.append(updates.map((update) => ({ room: 'gone', update })))
      await storage.units.transaction((tx) => tx.roomLog.compact('gone'))
      await log.append(updates.map((update) => ({ room: 'gone', update })))
      await storage.units.transaction((tx) => tx.roomLog.delete('gone'))
      expect((await log.load('gone')).updates).toEqual([])
    })

    it('erases a deleted room from what the engine keeps of it (a WAL checkpoint, a VACUUM)', async () => {
      const { storage } = await fresh()
      await storage.repositories.roomLog.append([{ room: 'erased', update }])
      await storage.units.transaction((tx) => tx.roomLog.delete('erased'))
      expect(await storage.erasure.flush('room erased')).toBe(true)
    })

    it('answers concurrent loads, each a whole room, while the room is compacted and written', async () => {
      const { storage } = await fresh()
      const { doc, updates } = editsOf((doc) => {
        for (let i = 0; i < 100; i++) doc.getArray<number>('items').push([i])
      })
      await storage.repositories.roomLog.append(updates.map((update) => ({ room: 'busy', update })))
      const expected = doc.getArray('items').toArray()
      const loads = Array.from({ length: 20 }, () =>
        storage.units.transaction((tx) => tx.roomLog.load('busy')),
      )
      const compaction = storage.units.transaction((tx) => tx.roomLog.compact('busy'))
      const [snapshot, ...loaded] = await Promise.all([compaction, ...loads])
      expect(snapshot).toBeGreaterThan(0)
      for (const room of loaded)
        expect(rebuild(room.updates).getArray('items').toArray()).toEqual(expected)
    })
  })

  describe('units of work', () => {
    it('a failing commit rolls back everything: no row of it is visible', async () => {
      const { storage } = await fresh()
      const seen: string[] = []
      await expect(
        storage.units.transaction(async (tx) => {
          await tx.workspaces.insertWorkspace(workspace('w1'))
          await tx.roomLog.append([{ room: 'r', update }])
          void tx.afterCommit(() => seen.push('relayed'))
          // A second workspace with the same id: the database refuses the statement.
          await tx.workspaces.insertWorkspace(workspace('w1'))
        }),
      ).rejects.toThrow()
      expect(seen).toEqual([])
      expect(await storage.repositories.workspaces.findWorkspace('w1')).toBeUndefined()
      expect((await storage.repositories.roomLog.load('r')).logLength).toBe(0)
      // The next unit starts clean.
      await storage.units.transaction(async (tx) => void tx.afterCommit(() => seen.push('next')))
      expect(seen).toEqual(['next'])
    })

    it('runs effects after the outermost commit, in order, with the rows readable; a nested unit joins', async () => {
      const { storage } = await fresh()
      const { units } = storage
      const seen: string[] = []
      let rows: Promise<number> = Promise.resolve(-1)
      await units.transaction(async (tx) => {
        await tx.roomLog.append([{ room: 'r', update }])
        void tx.afterCommit(() => {
          seen.push(`first, in a unit: ${units.active}`)
          rows = storage.repositories.roomLog.load('r').then((room) => room.logLength)
        })
        await units.transaction(async (inner) => {
          await inner.roomLog.append([{ room: 'r', update }])
          void inner.afterCommit(() => seen.push('joined'))
        })
        // Nothing ran yet: the nested call joined this unit instead of committing.
        expect(seen).toEqual([])
        expect(units.active).toBe(true)
        void tx.afterCommit(() => seen.push('last'))
      })
      expect(seen).toEqual(['first, in a unit: false', 'joined', 'last'])
      expect(await rows).toBe(2)
      expect(units.active).toBe(false)
    })

    it('rolls back only a nested unit whose failure the outer one caught, and drops its effects', async () => {
      const { storage } = await fresh()
      const seen: string[] = []
      await storage.units.transaction(async (tx) => {
        void tx.afterCommit(() => seen.push('outer'))
        await tx.roomLog.append([{ room: 'outer', update }])
        await storage.units
          .transaction(async (inner) => {
            await inner.roomLog.append([{ room: 'inner', update }])
            void inner.afterCommit(() => seen.push('inner'))
            throw new Error('refused')
          })
          .catch(() => undefined)
      })
      expect(seen).toEqual(['outer'])
      expect((await storage.repositories.roomLog.load('inner')).logLength).toBe(0)
      expect((await storage.repositories.roomLog.load('outer')).logLength).toBe(1)
    })

    it('keeps what committed when an effect fails, reports it, and answers when each one is done', async () => {
      const { storage, failed } = await fresh()
      let finished = false
      const done = await storage.units.transaction(async (tx) => {
        await tx.roomLog.append([{ room: 'r', update }])
        const thrown = tx.afterCommit(() => {
          throw new Error('socket gone')
        })
        const slow = tx.afterCommit(async () => {
          await new Promise((resolve) => setTimeout(resolve, 20))
          finished = true
        })
        const rejected = tx.afterCommit(() => Promise.reject(new Error('room gone')))
        return { thrown, slow, rejected }
      })
      expect((await storage.repositories.roomLog.load('r')).logLength).toBe(1)
      await done.slow
      expect(finished).toBe(true)
      await Promise.all([done.thrown, done.rejected])
      expect(failed.map((error) => (error as Error).message)).toEqual(['socket gone', 'room gone'])
    })

    it('refuses an effect outside a unit', async () => {
      const { storage } = await fresh()
      expect(() => storage.units.afterCommit(() => undefined)).toThrow('outside a unit of work')
    })

    it('reads inside a unit see its writes; reads elsewhere never see them before the commit', async () => {
      const { storage } = await fresh()
      let committed = false
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let inside: unknown
      const unit = storage.units.transaction(async (tx) => {
        await tx.workspaces.insertWorkspace(workspace('w2'))
        // A repository reached any other way than `tx` still runs in this unit.
        inside = await storage.repositories.workspaces.findWorkspace('w2')
        await gate
      })
      // Elsewhere (another async context): PostgreSQL answers at once, SQLite once the one
      // connection is free; neither may show the row before the commit.
      const outside = storage.repositories.workspaces
        .findWorkspace('w2')
        .then((found) => ({ found, committed }))
      await expect.poll(() => inside).toMatchObject({ id: 'w2' })
      committed = true
      release()
      await unit
      const seen = await outside
      if (seen.found) expect(seen.committed).toBe(true)
      expect(await storage.repositories.workspaces.findWorkspace('w2')).toMatchObject({ id: 'w2' })
    })

    it('answers a read at once while a unit is still writing, without its rows; a read unit writes nothing', async () => {
      const { storage } = await fresh()
      await storage.units.transaction(async (tx) => {
        await tx.workspaces.insertWorkspace(workspace('w1'))
      })
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let wrote = false
      const unit = storage.units.transaction(async (tx) => {
        await tx.workspaces.insertWorkspace(workspace('w2'))
        wrote = true
        await gate
      })
      await expect.poll(() => wrote).toBe(true)
      // The unit still holds its transaction open: a read that waited for it would never answer.
      expect(await storage.repositories.workspaces.findWorkspace('w1')).toMatchObject({ id: 'w1' })
      expect(await storage.repositories.workspaces.findWorkspace('w2')).toBeUndefined()
      const read = await storage.units.read(async (tx) => ({
        w1: await tx.workspaces.findWorkspace('w1'),
        w2: await tx.workspaces.findWorkspace('w2'),
      }))
      expect(read).toEqual({ w1: expect.objectContaining({ id: 'w1' }), w2: undefined })
      release()
      await unit
      expect(
        await storage.units.read(async (tx) => await tx.workspaces.findWorkspace('w2')),
      ).toMatchObject({ id: 'w2' })
      await expect(
        storage.units.read(async (tx) => await tx.workspaces.insertWorkspace(workspace('w3'))),
      ).rejects.toThrow()
      expect(await storage.repositories.workspaces.findWorkspace('w3')).toBeUndefined()
    })
  })
}

describe('storage contract: SQLite', () => contract(openSqliteStorage))

await describeWithPostgres('storage contract: PostgreSQL', () => contract(openPostgresStorage))

import { afterAll, describe, expect, it } from 'vitest'
import { Durability, openDatabase } from '../../server/src/store/database.js'
import { RoomLog } from '../../server/src/store/room-log.js'
import { SqliteUnitOfWork } from '../../server/src/store/unit-of-work.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

afterAll(() => removeDataDirs())

/** A unit of work over the real room log in a real SQLite file, and what it did. */
const open = () => {
  const db = openDatabase({
    dataDir: makeDataDir(),
    durability: Durability.full,
    busyTimeoutMs: 100,
  })
  const roomLog = new RoomLog(db)
  const failed: unknown[] = []
  const units = new SqliteUnitOfWork(db, { roomLog }, { effectFailed: (e) => failed.push(e) })
  const stored = (room: string) => roomLog.load(room).updates.length
  return { db, units, failed, stored }
}

const update = new Uint8Array([0, 0])

describe('unit of work (SQLite)', () => {
  it('runs effects after the outermost commit, in order, with the rows already readable', async () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    await units.transaction(async (tx) => {
      await tx.roomLog.append([{ room: 'r', update }])
      void tx.afterCommit(() =>
        seen.push(`first, rows: ${stored('r')}, in transaction: ${db.inTransaction}`),
      )
      await units.transaction(async (inner) => {
        await inner.roomLog.append([{ room: 'r', update }])
        void inner.afterCommit(() => seen.push('joined'))
      })
      // Nothing ran yet: the nested call joined this unit instead of committing.
      expect(seen).toEqual([])
      void tx.afterCommit(() => seen.push('last'))
    })
    expect(seen).toEqual(['first, rows: 2, in transaction: false', 'joined', 'last'])
    db.close()
  })

  it('drops every effect of a unit that rolls back, and its rows', async () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    await expect(
      units.transaction(async (tx) => {
        await tx.roomLog.append([{ room: 'r', update }])
        void tx.afterCommit(() => seen.push('relayed'))
        throw new Error('the chain refused')
      }),
    ).rejects.toThrow('the chain refused')
    expect(seen).toEqual([])
    expect(stored('r')).toBe(0)
    // The next unit starts clean.
    await units.transaction(async (tx) => {
      void tx.afterCommit(() => seen.push('next'))
    })
    expect(seen).toEqual(['next'])
    db.close()
  })

  it('drops only the rows and effects of a nested unit whose failure the outer one caught', async () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    await units.transaction(async (tx) => {
      await tx.roomLog.append([{ room: 'outer', update }])
      void tx.afterCommit(() => seen.push('outer'))
      try {
        await units.transaction(async (inner) => {
          await inner.roomLog.append([{ room: 'inner', update }])
          void inner.afterCommit(() => seen.push('inner'))
          throw new Error('refused')
        })
      } catch {
        // The outer work goes on without it.
      }
    })
    expect(seen).toEqual(['outer'])
    expect(stored('inner')).toBe(0)
    expect(stored('outer')).toBe(1)
    db.close()
  })

  it('keeps what committed when an effect fails, reports it, and answers when each one is done', async () => {
    const { db, units, failed, stored } = open()
    let finished = false
    let effects: Promise<void>[] = []
    await units.transaction(async (tx) => {
      await tx.roomLog.append([{ room: 'r', update }])
      const thrown = tx.afterCommit(() => {
        throw new Error('socket gone')
      })
      const slow = tx.afterCommit(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        finished = true
      })
      const rejected = tx.afterCommit(() => Promise.reject(new Error('room gone')))
      // Waited for after the unit: its own work waiting for them would wait for itself.
      effects = [thrown, slow, rejected]
    })
    expect(stored('r')).toBe(1)
    await effects[1]
    expect(finished).toBe(true)
    // A failed effect is reported, and waiting for it does not throw: the commit stands.
    await Promise.all(effects)
    expect(failed.map((error) => (error as Error).message)).toEqual(['socket gone', 'room gone'])
    db.close()
  })

  it('runs units one at a time: another waits for the commit, and reads outside wait too', async () => {
    const { db, units } = open()
    const { roomLog } = units.repositories
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const order: string[] = []
    const first = units.transaction(async (tx) => {
      await tx.roomLog.append([{ room: 'r', update }])
      // Repositories reached from inside the unit's context run at once (no deadlock).
      order.push(`first sees ${(await roomLog.load('r')).updates.length}`)
      await held
      order.push('first commits')
    })
    const second = units.transaction(async (tx) => {
      order.push(`second sees ${(await tx.roomLog.load('r')).updates.length}`)
    })
    // Outside any unit: never reads what the unit in progress may still roll back.
    const outside = roomLog
      .load('r')
      .then(({ updates }) => order.push(`outside sees ${updates.length}`))
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['first sees 1'])
    release()
    await Promise.all([first, second, outside])
    expect(order).toEqual(['first sees 1', 'first commits', 'second sees 1', 'outside sees 1'])
    db.close()
  })

  it('knows which asynchronous context is inside a unit, and refuses effects outside one', async () => {
    const { db, units } = open()
    expect(() => units.afterCommit(() => undefined)).toThrow('outside a unit of work')
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const inside: boolean[] = []
    const unit = units.transaction(async () => {
      inside.push(units.active)
      await held
      inside.push(units.active)
    })
    // Another request, running while the unit waits, is not inside it.
    await new Promise((resolve) => setImmediate(resolve))
    expect(units.active).toBe(false)
    release()
    await unit
    expect(inside).toEqual([true, true])
    expect(units.active).toBe(false)
    db.close()
  })
})

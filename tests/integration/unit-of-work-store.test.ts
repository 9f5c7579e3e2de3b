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
  it('runs effects after the outermost commit, in order, with the rows already readable', () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    units.transaction((tx) => {
      tx.roomLog.append([{ room: 'r', update }])
      tx.afterCommit(() =>
        seen.push(`first, rows: ${stored('r')}, in transaction: ${db.inTransaction}`),
      )
      units.transaction((inner) => {
        inner.roomLog.append([{ room: 'r', update }])
        inner.afterCommit(() => seen.push('joined'))
      })
      // Nothing ran yet: the nested call joined this unit instead of committing.
      expect(seen).toEqual([])
      tx.afterCommit(() => seen.push('last'))
    })
    expect(seen).toEqual(['first, rows: 2, in transaction: false', 'joined', 'last'])
    db.close()
  })

  it('drops every effect of a unit that rolls back, and its rows', () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    expect(() =>
      units.transaction((tx) => {
        tx.roomLog.append([{ room: 'r', update }])
        tx.afterCommit(() => seen.push('relayed'))
        throw new Error('the chain refused')
      }),
    ).toThrow('the chain refused')
    expect(seen).toEqual([])
    expect(stored('r')).toBe(0)
    // The next unit starts clean.
    units.transaction((tx) => tx.afterCommit(() => seen.push('next')))
    expect(seen).toEqual(['next'])
    db.close()
  })

  it('drops only the effects of a nested unit whose failure the outer one caught', () => {
    const { db, units, stored } = open()
    const seen: string[] = []
    units.transaction((tx) => {
      tx.afterCommit(() => seen.push('outer'))
      try {
        units.transaction((inner) => {
          inner.roomLog.append([{ room: 'inner', update }])
          inner.afterCommit(() => seen.push('inner'))
          throw new Error('refused')
        })
      } catch {
        // The outer work goes on without it.
      }
    })
    expect(seen).toEqual(['outer'])
    expect(stored('inner')).toBe(0)
    db.close()
  })

  it('keeps what committed when an effect fails, reports it, and answers when each one is done', async () => {
    const { db, units, failed, stored } = open()
    let finished = false
    const done = units.transaction((tx) => {
      tx.roomLog.append([{ room: 'r', update }])
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
    expect(stored('r')).toBe(1)
    await done.slow
    expect(finished).toBe(true)
    // A failed effect is reported, and waiting for it does not throw: the commit stands.
    await Promise.all([done.thrown, done.rejected])
    expect(failed.map((error) => (error as Error).message)).toEqual(['socket gone', 'room gone'])
    db.close()
  })

  it('refuses an effect outside a unit and asynchronous work', () => {
    const { db, units } = open()
    expect(() => units.afterCommit(() => undefined)).toThrow('outside a unit of work')
    expect(() => units.transaction(async () => undefined)).toThrow('must be synchronous')
    expect(units.active).toBe(false)
    db.close()
  })
})

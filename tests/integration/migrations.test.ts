import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { schemaVersion } from '../../server/src/store/migrations/migrate.js'
import { openSqlite } from '../../server/src/store/sqlite/sqlite-engine.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { databaseOfEarlierRelease } from '../fixtures/earlier-releases.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

afterAll(() => removeDataDirs())

const open = (dataDir: string) =>
  openSqlite({ dataDir, durability: Durability.full, busyTimeoutMs: 100 })

/** Every table's columns (name, type, not null, default, key) and every index, as SQLite sees them. */
const schemaOf = (dataDir: string) => {
  const db = new BetterSqlite3(join(dataDir, 'mufakat.db'), { readonly: true })
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'kysely%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    return {
      version: db.pragma('user_version', { simple: true }),
      migrations: db.prepare('SELECT count(*) FROM kysely_migration').pluck().get(),
      tables: Object.fromEntries(
        tables.map((table) => [
          table,
          {
            columns: db.pragma(`table_info(${table})`),
            indexes: (
              db.pragma(`index_list(${table})`) as {
                name: string
                unique: number
                partial: number
              }[]
            )
              .map(({ name, unique, partial }) => ({
                columns: (db.pragma(`index_info(${name})`) as { name: string }[]).map(
                  (c) => c.name,
                ),
                unique,
                partial,
              }))
              .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
            foreignKeys: (db.pragma(`foreign_key_list(${table})`) as object[]).map((key) => ({
              ...key,
              id: 0,
              seq: 0,
            })),
          },
        ]),
      ),
    }
  } finally {
    db.close()
  }
}

describeSqliteOnly('migrations (SQLite file)', () => {
  it('creates the current schema in a new database, and reopens it without migrating again', async () => {
    const dataDir = makeDataDir()
    await (await open(dataDir)).db.destroy()
    const first = schemaOf(dataDir)
    expect(first).toMatchObject({ version: schemaVersion, migrations: schemaVersion })
    await (await open(dataDir)).db.destroy()
    expect(schemaOf(dataDir)).toEqual(first)
  })

  it('upgrades a database of every earlier release in place to the schema a new one gets', async () => {
    const fresh = makeDataDir()
    await (await open(fresh)).db.destroy()
    const expected = schemaOf(fresh)
    for (let version = 1; version <= schemaVersion; version++) {
      const dataDir = makeDataDir()
      databaseOfEarlierRelease(dataDir, version)
      await (await open(dataDir)).db.destroy()
      // The migrations it had are marked done, the rest ran: the same tables, columns and keys.
      expect({ release: version, ...schemaOf(dataDir) }).toEqual({ release: version, ...expected })
    }
  })

  it('21: a change of group made before the upgrade is kept as an earlier identity, read back from the audit log', async () => {
    const dataDir = makeDataDir()
    databaseOfEarlierRelease(dataDir, 20)
    const before = new BetterSqlite3(join(dataDir, 'mufakat.db'))
    before.exec(`
      INSERT INTO workspace (id, name, description, created_at) VALUES ('W1', 'Kota', '', 't0');
      INSERT INTO participant (id, workspace_id, display_name, stakeholder_group, role, token_hash, joined_at)
        VALUES ('P1', 'W1', 'Citra', 'academia', 'commenter', 'h1', 't0'),
               ('P2', 'W1', 'Dedi', 'business', 'commenter', 'h2', 't0');
      INSERT INTO audit_entry (workspace_id, actor_id, action, target, details, at) VALUES
        ('W1', 'F1', 'participant.group_changed', 'P1', '{"from":"citizen","to":"academia"}', 't1'),
        ('W1', 'F1', 'participant.role_changed', 'P2', '{"from":"stakeholder","to":"commenter"}', 't2'),
        ('W1', 'F1', 'participant.group_changed', 'gone', '{"from":"ngo","to":"business"}', 't3');
    `)
    before.close()
    await (await open(dataDir)).db.destroy()
    const after = new BetterSqlite3(join(dataDir, 'mufakat.db'), { readonly: true })
    expect(after.prepare('SELECT * FROM earlier_identity').all()).toEqual([
      { participant_id: 'P1', display_name: 'Citra', stakeholder_group: 'citizen', until: 't1' },
    ])
    after.close()
  })

  it("22: commits numbered before are the nodes’ '': numbering goes on from them, and a snapshot keeps how far it folded", async () => {
    const dataDir = makeDataDir()
    databaseOfEarlierRelease(dataDir, 21)
    const before = new BetterSqlite3(join(dataDir, 'mufakat.db'))
    before.exec(`
      INSERT INTO room_head (room, seq) VALUES ('r', 4);
      INSERT INTO room_update (room, data, seq) VALUES ('r', x'00', 3), ('r', x'00', 4), ('r', x'00', NULL);
      INSERT INTO room_snapshot (room, data, compacted_at, seq) VALUES ('r', x'00', 1, 2), ('s', x'00', 1, 0);
    `)
    before.close()
    const opened = await open(dataDir)
    const after = new BetterSqlite3(join(dataDir, 'mufakat.db'), { readonly: true })
    expect(after.prepare('SELECT * FROM room_head').all()).toEqual([
      { room: 'r', node: '', seq: 4 },
    ])
    expect(after.prepare('SELECT node, seq FROM room_update ORDER BY id').all()).toEqual([
      { node: '', seq: 3 },
      { node: '', seq: 4 },
      { node: '', seq: null },
    ])
    expect(after.prepare('SELECT room, heads FROM room_snapshot ORDER BY room').all()).toEqual([
      { room: 'r', heads: '{"":2}' },
      { room: 's', heads: '{}' },
    ])
    after.close()
    await opened.db.destroy()
  })

  it('refuses a database written by a newer server, and leaves it as it was', async () => {
    const dataDir = makeDataDir()
    databaseOfEarlierRelease(dataDir, schemaVersion)
    const db = new BetterSqlite3(join(dataDir, 'mufakat.db'))
    db.pragma(`user_version = ${schemaVersion + 1}`)
    db.close()
    await expect(open(dataDir)).rejects.toThrow(`newer than this server (${schemaVersion})`)
    const after = new BetterSqlite3(join(dataDir, 'mufakat.db'), { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(schemaVersion + 1)
    expect(
      after.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'kysely%'").pluck().get(),
    ).toBe(0)
    after.close()
  })
})

import type { Database } from 'better-sqlite3'

/**
 * Numbered, forward-only schema migrations. `PRAGMA user_version` records how many have run;
 * each runs in its own transaction together with the version bump, so a crash mid-migration
 * leaves the database at the previous version.
 */
const migrations: readonly string[] = [
  // 1: the per-room update log and its compacted snapshot.
  `
  CREATE TABLE room_update (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX room_update_by_room ON room_update (room, id);
  CREATE TABLE room_snapshot (
    room TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    compacted_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
]

export const schemaVersion = migrations.length

export const migrate = (db: Database): void => {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > schemaVersion) {
    throw new Error(
      `database schema version ${current} is newer than this server (${schemaVersion}); upgrade the server`,
    )
  }
  for (let version = current; version < schemaVersion; version++) {
    const sql = migrations[version] as string
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}

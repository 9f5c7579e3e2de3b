import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import { Engine, type Schema } from '../schema.js'
import { columnTypes } from './column-types.js'
import { schemaMigrations } from './schema-migrations.js'

/** How many migrations this server knows: the schema version it writes. */
export const schemaVersion = Object.keys(schemaMigrations(columnTypes(Engine.sqlite))).length

/** Kysely's own table of the migrations that ran. */
const migrationTable = 'kysely_migration'

const skipped: Migration = { up: async () => {} }

/**
 * The migrations, with the first `done` of them marked as having run without running: a SQLite
 * database from before Kysely counted its migrations in `PRAGMA user_version` instead.
 */
const provider = (engine: Engine, done: number): MigrationProvider => ({
  getMigrations: async () =>
    Object.fromEntries(
      Object.entries(schemaMigrations(columnTypes(engine))).map(([name, migration], index) => [
        name,
        index < done ? skipped : migration,
      ]),
    ),
})

const userVersion = async (db: Kysely<Schema>): Promise<number> => {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)
  return rows[0]?.user_version ?? 0
}

/** How many migrations Kysely has recorded; 0 before its table exists. */
const recorded = async (db: Kysely<Schema>): Promise<number> => {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  if (!tables.some((table) => table.name === migrationTable)) return 0
  const { rows } = await sql<{
    n: number
  }>`SELECT count(*) AS n FROM ${sql.table(migrationTable)}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/**
 * Brings the schema up to date, every pending migration in one transaction (on SQLite too: its
 * DDL is transactional), so a crash leaves the schema as it was. A SQLite database keeps
 * `user_version` equal to the number of migrations it has, so an older server (and the backup
 * check) still sees a schema newer than it knows and refuses it.
 */
export const migrate = async (db: Kysely<Schema>, engine: Engine): Promise<void> => {
  const sqlite = engine === Engine.sqlite
  const before = sqlite ? await userVersion(db) : 0
  if (before > schemaVersion) {
    throw new Error(
      `database schema version ${before} is newer than this server (${schemaVersion}); upgrade the server`,
    )
  }
  const legacy = sqlite && (await recorded(db)) === 0 ? before : 0
  const migrator = new Migrator({ db, provider: provider(engine, legacy) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName
    throw new Error(
      `migrating the database failed${failed ? ` at ${failed}` : ''}: ${String(error)}`,
      {
        cause: error,
      },
    )
  }
  if (sqlite) {
    const count = await recorded(db)
    if (count !== (await userVersion(db)))
      await sql.raw(`PRAGMA user_version = ${count}`).execute(db)
  }
}

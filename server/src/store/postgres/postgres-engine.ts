import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { migrate } from '../migrations/migrate.js'
import type { Schema } from '../schema.js'
import { applicationId } from '../sqlite/sqlite-files.js'

export interface PostgresOptions {
  /** postgres://user@host:port/database */
  url: string
  /** Connections the pool opens at most. */
  maxConnections?: number
  /** Hears of a connection lost while idle (the pool opens another) or of the lock's. */
  connectionFailed(error: unknown): void
  /** Hears that PostgreSQL ended the session holding the claim: another server may now take it. */
  claimLost(): void
  /**
   * Several nodes share this database (REDIS_URL is set): no claim is taken. STOPGAP of the
   * `deploy` branch so that its two-node tests can start; the `cluster` branch replaces the claim
   * with room leases and decides what a node must hold instead.
   */
  shared?: boolean
}

const int8 = 20

/**
 * int8 (count(*), Yjs client ids and clocks, identity keys) as a number rather than a string:
 * every value Mufakat stores is far below 2^53. Other types parse as pg's defaults.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

export interface PostgresDatabase {
  db: Kysely<Schema>
  /** Gives up the database to another server: releases the advisory lock. */
  release(): Promise<void>
}

/** The advisory lock a server holds on its database for as long as it runs. */
const serverLock = applicationId

/** How long opening a connection may take before the request that needs it fails (503). */
const connectTimeoutMs = 5000

/** The claim's own session, holding the lock; null when another server holds it. */
const claim = async (options: PostgresOptions): Promise<pg.Client | null> => {
  const holder = new pg.Client({ connectionString: options.url })
  holder.on('error', options.connectionFailed)
  await holder.connect()
  const claimed = await holder.query<{ claimed: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS claimed',
    [serverLock],
  )
  if (claimed.rows[0]?.claimed) return holder
  await holder.end()
  return null
}

/**
 * Opens a pool on PostgreSQL, claims the database for this server and brings the schema up to
 * date. Every connection commits with `synchronous_commit = on` whatever the server's default:
 * a COMMIT returns only once its WAL is flushed, which is what lets an update be relayed right
 * after. The claim is a session-level advisory lock on a connection of its own, so two servers
 * cannot share one database by accident (each holds its rooms in memory); answers undefined
 * when another server holds it. It is let go when that connection ends, even by a crash.
 */
export const openPostgres = async (
  options: PostgresOptions,
): Promise<PostgresDatabase | undefined> => {
  const holder = options.shared ? undefined : await claim(options)
  if (holder === null) return undefined
  let releasing = false
  // A restart, a failover or pg_terminate_backend ends the session and with it the lock.
  holder?.on('end', () => {
    if (!releasing) options.claimLost()
  })
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: '-c synchronous_commit=on',
    // While PostgreSQL cannot be reached, a request fails after this instead of waiting on.
    connectionTimeoutMillis: connectTimeoutMs,
    types,
  })
  pool.on('error', options.connectionFailed)
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const release = async () => {
    releasing = true
    await db.destroy()
    await holder?.end()
  }
  try {
    await migrate(db, 'postgres')
  } catch (error) {
    await release()
    throw error
  }
  return { db, release }
}

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
   * One node of several (REDIS_URL set) sharing the database: the claim is shared with the
   * other nodes, and still refused to (and by) a server running alone on it.
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

/**
 * Opens a pool on PostgreSQL, claims the database for this server (or, for a node of a
 * cluster, shares the claim with the other nodes) and brings the schema up to date. Every connection commits with `synchronous_commit = on` whatever the server's default:
 * a COMMIT returns only once its WAL is flushed, which is what lets an update be relayed right
 * after. The claim is a session-level advisory lock on a connection of its own, so two servers
 * cannot share one database by accident (each holds its rooms in memory); answers undefined
 * when another server holds it. It is let go when that connection ends, even by a crash.
 */
export const openPostgres = async (
  options: PostgresOptions,
): Promise<PostgresDatabase | undefined> => {
  const holder = new pg.Client({ connectionString: options.url })
  holder.on('error', options.connectionFailed)
  await holder.connect()
  // Nodes of a cluster share what one server alone holds exclusively: a lone server cannot
  // start beside a cluster's nodes (which each hold rooms in memory, kept in step through
  // Redis), nor a node beside a lone server.
  const claimed = await holder.query<{ claimed: boolean }>(
    options.shared
      ? 'SELECT pg_try_advisory_lock_shared($1) AS claimed'
      : 'SELECT pg_try_advisory_lock($1) AS claimed',
    [serverLock],
  )
  if (!claimed.rows[0]?.claimed) {
    await holder.end()
    return undefined
  }
  // A restart, a failover or pg_terminate_backend ends the session and with it the lock.
  let releasing = false
  holder.on('end', () => {
    if (!releasing) options.claimLost()
  })
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: '-c synchronous_commit=on',
    types,
  })
  pool.on('error', options.connectionFailed)
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const release = async () => {
    releasing = true
    await db.destroy()
    await holder.end()
  }
  try {
    await migrate(db, 'postgres')
  } catch (error) {
    await release()
    throw error
  }
  return { db, release }
}

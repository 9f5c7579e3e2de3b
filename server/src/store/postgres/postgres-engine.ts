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
   * other nodes, and still refused to (and by) a server running alone on it. A node whose claim
   * session ends (PostgreSQL restarted) takes the shared claim again once it can, instead of
   * stopping: the other nodes and Redis keep its rooms in step meanwhile.
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
  const holder = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: connectTimeoutMs,
  })
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
  if (claimed.rows[0]?.claimed) return holder
  await holder.end()
  return null
}

/** How often a node tries to take its shared claim again while PostgreSQL is away. */
const reclaimEveryMs = 1000

/**
 * Opens a pool on PostgreSQL, claims the database for this server (or, for a node of a
 * cluster, shares the claim with the other nodes) and brings the schema up to date. Every
 * connection commits with `synchronous_commit = on` whatever the server's default:
 * a COMMIT returns only once its WAL is flushed, which is what lets an update be relayed right
 * after. The claim is a session-level advisory lock on a connection of its own, so two servers
 * cannot share one database by accident (each holds its rooms in memory); answers undefined
 * when another server holds it. It is let go when that connection ends, even by a crash.
 */
export const openPostgres = async (
  options: PostgresOptions,
): Promise<PostgresDatabase | undefined> => {
  const first = await claim(options)
  if (first === null) return undefined
  let holder: pg.Client = first
  let releasing = false
  // A restart, a failover or pg_terminate_backend ends the session and with it the lock. A lone
  // server stops (another may take the database now); a node takes its shared claim again.
  const watch = (session: pg.Client) =>
    session.on('end', () => {
      if (releasing) return
      if (!options.shared) return options.claimLost()
      void reclaim()
    })
  const reclaim = async (): Promise<void> => {
    while (!releasing) {
      try {
        const again = await claim(options)
        if (again === null) return options.claimLost()
        if (releasing) {
          await again.end()
          return
        }
        holder = again
        watch(again)
        return
      } catch {
        await new Promise((resolve) => setTimeout(resolve, reclaimEveryMs))
      }
    }
  }
  watch(holder)
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
    // Already ended when PostgreSQL went away meanwhile: nothing is left to let go.
    await holder.end().catch(() => undefined)
  }
  try {
    await migrate(db, 'postgres')
  } catch (error) {
    await release()
    throw error
  }
  return { db, release }
}

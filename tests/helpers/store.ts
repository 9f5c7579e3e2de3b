import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import pg from 'pg'

/** Opens the server's SQLite file directly, as an operator or another process could. */
export const openStore = (dataDir: string): Database =>
  new BetterSqlite3(join(dataDir, 'mufakat.db'))

/**
 * Reads rows of the server's database, whichever engine it runs on (SQL both speak, with `?`
 * placeholders): for tests that check what was stored, not how SQLite stores it.
 */
export const readStore = async <T>(
  server: { dataDir: string; databaseUrl?: string },
  sql: string,
  ...params: unknown[]
): Promise<T[]> => {
  if (!server.databaseUrl) {
    const db = openStore(server.dataDir)
    try {
      return db.prepare(sql).all(...params) as T[]
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl })
  await client.connect()
  try {
    let n = 0
    const numbered = sql.replace(/\?/g, () => `$${++n}`)
    return (await client.query(numbered, params)).rows as T[]
  } finally {
    await client.end()
  }
}

/** How many rows a `SELECT count(*) AS n …` counted. */
/** Runs one statement that changes rows (a test's stand-in for an operator), on either engine. */
export const writeStore = async (
  server: { dataDir: string; databaseUrl?: string },
  sql: string,
  ...params: unknown[]
): Promise<void> => {
  if (!server.databaseUrl) {
    const db = openStore(server.dataDir)
    try {
      db.prepare(sql).run(...params)
    } finally {
      db.close()
    }
    return
  }
  await readStore(server, sql, ...params)
}

export const countStored = async (
  server: { dataDir: string; databaseUrl?: string },
  sql: string,
  ...params: unknown[]
): Promise<number> =>
  Number((await readStore<{ n: number | string }>(server, sql, ...params))[0]?.n)

/** Reads one value from the server's Prometheus text at /metrics. */
export const readMetric = async (httpUrl: string, name: string): Promise<number> => {
  const text = await (await fetch(`${httpUrl}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `))
  if (!line) throw new Error(`metric ${name} not found`)
  return Number(line.slice(name.length + 1))
}

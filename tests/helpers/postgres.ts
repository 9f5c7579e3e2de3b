import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, it } from 'vitest'

/**
 * PostgreSQL for tests: a fresh database per suite or server, created on the cluster at
 * TEST_DATABASE_URL and dropped afterwards. When the cluster is not reachable the PostgreSQL
 * half of a suite is skipped and says so, unless MUFAKAT_REQUIRE_POSTGRES=1 (.ci/run sets it):
 * then it fails.
 */
export const adminUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const required = process.env.MUFAKAT_REQUIRE_POSTGRES === '1'

/** TEST_ENGINE=postgres: every server a test starts runs on PostgreSQL. */
export const testEngine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'

const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

let reachable: Promise<string | undefined> | undefined

/** Undefined when the cluster answers; otherwise why not, in one sentence. */
export const postgresProblem = (): Promise<string | undefined> => {
  reachable ??= withAdmin(async (client) => {
    await client.query('SELECT 1')
    return undefined
  }).catch((error: unknown) => `PostgreSQL is not reachable at ${adminUrl}: ${String(error)}`)
  return reachable
}

/** The URL of `database` on the test cluster. */
const urlOf = (database: string): string => {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** A new, empty database of its own; `drop` removes it (and ends what still uses it). */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const name = `mufakat_test_${randomBytes(6).toString('hex')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  return {
    url: urlOf(name),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  }
}

/**
 * A describe block that needs PostgreSQL: skipped with a plain note when the cluster is not
 * reachable, failing instead when MUFAKAT_REQUIRE_POSTGRES=1.
 */
export const describeWithPostgres = async (name: string, body: () => void): Promise<void> => {
  const problem = await postgresProblem()
  if (problem && required) throw new Error(`${problem} (MUFAKAT_REQUIRE_POSTGRES=1)`)
  if (problem) {
    process.stderr.write(`\n${name}: SKIPPED, ${problem}\n`)
    describe.skip(`${name} (skipped: PostgreSQL not reachable)`, body)
    return
  }
  describe(name, body)
}

/**
 * Tests about the SQLite file itself (its bytes, modes, backups, upgrades of earlier releases'
 * files): run on SQLite only, and skipped with a visible name under TEST_ENGINE=postgres.
 */
export const describeSqliteOnly = (name: string, body: () => void): void => {
  if (testEngine === 'postgres')
    describe.skip(`${name} (SQLite only: about the database file)`, body)
  else describe(name, body)
}

/** An `it` about the SQLite file itself: skipped, with its name saying so, under TEST_ENGINE=postgres. */
export const itSqliteOnly: typeof it = (
  testEngine === 'postgres'
    ? (name: string, ...rest: unknown[]) => it.skip(`${name} (SQLite only)`, ...(rest as []))
    : it
) as typeof it

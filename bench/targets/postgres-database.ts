import pg from 'pg'

/** The local PostgreSQL the bench uses (trust auth); MUFAKAT_BENCH_PG_URL overrides it. */
export const POSTGRES_SERVER_URL =
  process.env.MUFAKAT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'

const ADMIN_DATABASE = 'postgres'
const CONNECT_TIMEOUT_MS = 2000

const adminClient = (): pg.Client =>
  new pg.Client({
    connectionString: `${POSTGRES_SERVER_URL}/${ADMIN_DATABASE}`,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  })

const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = adminClient()
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Null when PostgreSQL answers, else why not (the bench then skips the target). */
export const postgresUnavailable = async (): Promise<string | null> => {
  try {
    await withAdmin((client) => client.query('SELECT 1'))
    return null
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return `PostgreSQL is not reachable at ${POSTGRES_SERVER_URL} (${reason})`
  }
}

/**
 * A fresh database for one run, so no run sees another's rooms; `drop` removes it (and
 * ends any connection a stopped server left behind).
 */
export const createRunDatabase = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `mufakat_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  return {
    url: `${POSTGRES_SERVER_URL}/${name}`,
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }),
  }
}

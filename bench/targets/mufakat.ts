import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { REPO_ROOT } from '../lib/paths.js'
import { mufakatProvisioner } from './mufakat-provision.js'
import { startProcessTarget } from './process-target.js'
import type { TargetDefinition } from './target.js'

const MAIN = join(REPO_ROOT, 'build', 'server', 'src', 'main.js')
/** Mufakat's own default, reported next to any shorter value a scenario sets. */
export const DEFAULT_UNLOAD_GRACE_MS = 5000

type Durability = 'full' | 'normal'

/** Mufakat as `npm start` runs it: the compiled server on bare node. */
const mufakat = (durability: Durability): TargetDefinition => {
  const definition: TargetDefinition = {
    name: `mufakat-${durability}`,
    description: `Mufakat, DURABILITY=${durability} (SQLite WAL, synchronous=${durability.toUpperCase()})`,
    protocol: 'y-websocket',
    persistent: true,
    unloadAfterMs: (env) => Number(env.ROOM_UNLOAD_GRACE_MS ?? DEFAULT_UNLOAD_GRACE_MS),
    start: (options) => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:server`)
      return startProcessTarget(definition, options, {
        script: MAIN,
        env: { DATA_DIR: options.dataDir, DURABILITY: durability, LOG_LEVEL: 'warn' },
        healthPath: '/healthz',
        roomsMetric: 'mufakat_rooms_loaded',
        roomUrl: (port, room) => `ws://127.0.0.1:${port}/sync/${room}`,
        documentName: (room) => room,
        provision: mufakatProvisioner,
      })
    },
  }
  return definition
}

export const mufakatFull = mufakat('full')
export const mufakatNormal = mufakat('normal')

/** The cluster the PostgreSQL target makes its databases on (the tests' default). */
const benchCluster = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A database per data directory, so a restart finds its rooms again; dropped once stopped. */
const databaseFor = async (
  dataDir: string,
): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `mufakat_bench_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: benchCluster })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(benchCluster)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/** Mufakat on PostgreSQL (DATABASE_URL), a fresh database of the local cluster per run. */
export const mufakatPostgres: TargetDefinition = {
  ...mufakatFull,
  name: 'mufakat-postgres',
  description: 'Mufakat on PostgreSQL (synchronous_commit=on, a local cluster)',
  start: async (options) => {
    const database = await databaseFor(options.dataDir)
    const running = await mufakatFull.start({
      ...options,
      env: { ...options.env, DATABASE_URL: database.url },
    })
    return {
      ...running,
      stop: async () => {
        await running.stop()
        await database.drop()
      },
    }
  },
}

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../lib/paths.js'
import { mufakatProvisioner } from './mufakat-provision.js'
import { createRunDatabase, postgresUnavailable } from './postgres-database.js'
import { startProcessTarget } from './process-target.js'
import type { RunningTarget, StartOptions, TargetDefinition } from './target.js'

const MAIN = join(REPO_ROOT, 'build', 'server', 'src', 'main.js')
/** Mufakat's own default, reported next to any shorter value a scenario sets. */
export const DEFAULT_UNLOAD_GRACE_MS = 5000

type Durability = 'full' | 'normal'

export const startMufakat = (
  definition: TargetDefinition,
  options: StartOptions,
  durability: Durability,
  env: Record<string, string> = {},
): Promise<RunningTarget> => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:server`)
  return startProcessTarget(definition, options, {
    script: MAIN,
    env: { DATA_DIR: options.dataDir, DURABILITY: durability, LOG_LEVEL: 'warn', ...env },
    healthPath: '/healthz',
    roomsMetric: 'mufakat_rooms_loaded',
    roomUrl: (port, room) => `ws://127.0.0.1:${port}/sync/${room}`,
    documentName: (room) => room,
    provision: mufakatProvisioner,
  })
}

/** Mufakat as `npm start` runs it: the compiled server on bare node. */
const mufakat = (durability: Durability): TargetDefinition => {
  const definition: TargetDefinition = {
    name: `mufakat-${durability}`,
    description: `Mufakat, DURABILITY=${durability} (SQLite WAL, synchronous=${durability.toUpperCase()})`,
    protocol: 'y-websocket',
    persistent: true,
    unloadAfterMs: (env) => Number(env.ROOM_UNLOAD_GRACE_MS ?? DEFAULT_UNLOAD_GRACE_MS),
    start: (options) => startMufakat(definition, options, durability),
  }
  return definition
}

export const mufakatFull = mufakat('full')
export const mufakatNormal = mufakat('normal')

/**
 * Mufakat on PostgreSQL: the same server with DATABASE_URL set to a database created for
 * this run and dropped after it (kept across a restart, so S5 reopens the same data). A
 * server built before the PostgreSQL engine ignores DATABASE_URL and runs on SQLite.
 */
export const mufakatPostgres: TargetDefinition = {
  name: 'mufakat-postgres',
  description: 'Mufakat, DURABILITY=full, DATABASE_URL = a fresh local PostgreSQL database',
  protocol: 'y-websocket',
  persistent: true,
  unloadAfterMs: mufakatFull.unloadAfterMs,
  unavailable: postgresUnavailable,
  start: async (options) => {
    const database = await createRunDatabase()
    let running: RunningTarget
    try {
      running = await startMufakat(mufakatPostgres, options, 'full', {
        DATABASE_URL: database.url,
      })
    } catch (error) {
      await database.drop()
      throw error
    }
    return {
      ...running,
      // The getters of the running target (pid changes on restart) must stay live.
      get pid() {
        return running.pid
      },
      stop: async () => {
        await running.stop()
        await database.drop()
      },
    }
  },
}

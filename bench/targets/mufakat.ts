import { existsSync } from 'node:fs'
import { join } from 'node:path'
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

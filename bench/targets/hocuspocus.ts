import { join } from 'node:path'
import { compileServerScript } from './compile.js'
import { startProcessTarget } from './process-target.js'
import type { TargetDefinition } from './target.js'

const hocuspocus = (withSqlite: boolean): TargetDefinition => {
  const definition: TargetDefinition = {
    name: withSqlite ? 'hocuspocus-sqlite' : 'hocuspocus',
    description: withSqlite
      ? '@hocuspocus/server 4.7 + extension-sqlite (store debounced 2 s)'
      : '@hocuspocus/server 4.7, in memory',
    protocol: 'hocuspocus',
    persistent: withSqlite,
    // unloadImmediately (its default): a document goes once its last connection closes.
    unloadAfterMs: () => 0,
    start: (options) =>
      startProcessTarget(definition, options, {
        script: compileServerScript('hocuspocus'),
        env: withSqlite ? { SQLITE_PATH: join(options.dataDir, 'hocuspocus.sqlite') } : {},
        // Hocuspocus answers 200 on any plain HTTP path once listening.
        healthPath: '/healthz',
        roomsMetric: 'bench_rooms_loaded',
        roomUrl: (port) => `ws://127.0.0.1:${port}/`,
        documentName: (room) => room,
      }),
  }
  return definition
}

export const hocuspocusMemory = hocuspocus(false)
export const hocuspocusSqlite = hocuspocus(true)

import { compileServerScript } from './compile.js'
import { startProcessTarget } from './process-target.js'
import type { TargetDefinition } from './target.js'

/** @y/websocket-server, the reference y-websocket backend, in memory (no YPERSISTENCE). */
export const reference: TargetDefinition = {
  name: 'reference',
  description: '@y/websocket-server 0.1.1, in memory (its bin, with the ws 6 it installs)',
  protocol: 'y-websocket',
  persistent: false,
  // Without persistence it keeps every document for the life of the process.
  unloadAfterMs: () => null,
  start: (options) =>
    startProcessTarget(reference, options, {
      script: compileServerScript('reference'),
      env: {},
      healthPath: '/healthz',
      roomsMetric: 'bench_rooms_loaded',
      roomUrl: (port, room) => `ws://127.0.0.1:${port}/${room}`,
      documentName: (room) => room,
    }),
}

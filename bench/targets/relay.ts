import { compileServerScript } from './compile.js'
import { startProcessTarget } from './process-target.js'
import type { TargetDefinition } from './target.js'

/** A `ws` relay doing no Yjs work: the practical ceiling. */
export const relay: TargetDefinition = {
  name: 'relay',
  description: 'raw ws relay, no Yjs (ceiling)',
  protocol: 'y-websocket',
  persistent: false,
  unloadAfterMs: () => 0,
  start: (options) =>
    startProcessTarget(relay, options, {
      script: compileServerScript('relay'),
      env: {},
      healthPath: '/healthz',
      roomsMetric: 'bench_rooms_loaded',
      roomUrl: (port, room) => `ws://127.0.0.1:${port}/${room}`,
      documentName: (room) => room,
    }),
}

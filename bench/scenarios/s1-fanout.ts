import { LATENCY_COLUMNS, RESOURCE_COLUMNS } from './delivery-metrics.js'
import { runFanout } from './fanout-run.js'
import type { Scenario } from './scenario.js'

/** One room, N clients on one server, writers at a steady rate: fan-out latency. */
export const s1Fanout: Scenario = {
  id: 'S1',
  title: 'Fan-out: one room, N clients, writers at a steady rate',
  variants: (sizes) => sizes.s1.clients.map((n) => ({ label: `N=${n}`, params: { clients: n } })),
  appliesTo: () => true,
  inspect: false,
  env: () => ({}),
  columns: [...LATENCY_COLUMNS, ...RESOURCE_COLUMNS],
  run: (target, variant, sizes) =>
    runFanout(target, variant.params.clients ?? 0, sizes.s1, {
      writer: (room) => room,
      receiver: (room) => room,
    }),
}

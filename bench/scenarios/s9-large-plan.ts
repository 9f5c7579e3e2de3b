import { Crowd } from '../client/crowd.js'
import { LightClient, type RoomAccess } from '../client/light-client.js'
import { appendParagraphs, planParagraphs } from '../client/plan-text.js'
import type { Protocol } from '../client/wire.js'
import { memoryMb, startMeter } from '../lib/meter.js'
import { pace } from '../lib/pace.js'
import { summarizeLatencies } from '../lib/stats.js'
import { now, sleep } from '../lib/time.js'
import { mufakatApi } from './mufakat-api.js'
import type { Metrics, Scenario } from './scenario.js'

// Keep the writer's socket from turning the build into one huge user-space buffer.
const MAX_BUFFERED = 8 * 1024 * 1024
// The late joiner connects while the writer types at this rate (updates/s).
const TYPING_PER_SEC = 20
const TYPING_MS = 2000

/**
 * Large plans: a plan of about `planBytes` of realistic paragraphs (a few hundred pages),
 * written in updates of a few hundred paragraphs. Then `clients` clients join it, one more
 * joins while someone types, and on Mufakat a version is saved, compared with the live text
 * and exported; last, for a target that stores, the server restarts and a first client
 * loads the plan cold. Hocuspocus runs what applies to it (joins, late joiner, RSS and,
 * with SQLite, the cold load).
 */
export const s9LargePlan: Scenario = {
  id: 'S9',
  title: 'Large plan: a plan of a few hundred pages, C clients',
  variants: (sizes) => [
    {
      label: `${(sizes.s9.planBytes / 1e6).toFixed(1)} MB, C=${sizes.s9.clients}`,
      params: {
        planBytes: sizes.s9.planBytes,
        clients: sizes.s9.clients,
        paragraphsPerUpdate: sizes.s9.paragraphsPerUpdate,
      },
    },
  ],
  appliesTo: (target) => target.name.startsWith('mufakat') || target.name.startsWith('hocuspocus'),
  inspect: false,
  env: (sizes): Record<string, string> =>
    sizes.s9.compactAfterBytes === null
      ? {}
      : { COMPACT_AFTER_BYTES: String(sizes.s9.compactAfterBytes) },
  columns: [
    { metric: 'coldLoadMs', heading: 'cold load ms', digits: 0 },
    { metric: 'joinAllMs', heading: 'C join ms', digits: 0 },
    { metric: 'joinP99Ms', heading: 'join p99 ms', digits: 0 },
    { metric: 'lateJoinMs', heading: 'late joiner ms', digits: 0 },
    { metric: 'compactionMs', heading: 'compaction ms', digits: 0 },
    { metric: 'versionSaveMs', heading: 'version save ms', digits: 0 },
    { metric: 'compareMs', heading: 'compare ms', digits: 0 },
    { metric: 'exportMdMs', heading: 'export md ms', digits: 0 },
    { metric: 'exportHtmlMs', heading: 'export html ms', digits: 0 },
    { metric: 'peakRssMb', heading: 'peak RSS MB', digits: 1 },
    { metric: 'generatorCpuPct', heading: 'gen CPU % (joins)', digits: 0 },
  ],
  run: async (target, variant) => {
    const planBytes = variant.params.planBytes ?? 0
    const clients = variant.params.clients ?? 2
    const perUpdate = variant.params.paragraphsPerUpdate ?? 200
    const metrics: Metrics = {}
    const notes: string[] = []
    const crowd = new Crowd(target)
    const [room] = await crowd.rooms('s9', 1)
    if (room === undefined) throw new Error('no room')
    const writer = crowd.add(0, room, 'writer')
    crowd.add(0, room, 'measure')
    await crowd.connectAll()
    const own = writer.writer
    if (own === null) throw new Error('writer has no document')

    // Build: each update carries a token next to its pages, so the ledger knows when the
    // receiver has the whole plan (Mufakat relays only what it stored).
    const paragraphs = planParagraphs(planBytes)
    const buildStart = now()
    for (let i = 0; i < paragraphs.length; i += perUpdate) {
      const chunk = paragraphs.slice(i, i + perUpdate)
      const { seq, update } = own.next((doc) => appendParagraphs(doc, chunk))
      crowd.send(writer, seq, update)
      while (writer.client.buffered() > MAX_BUFFERED) await sleep(2)
    }
    if (!(await crowd.drain(15_000, 180_000))) throw new Error('the plan did not arrive whole')
    metrics.writeMs = now() - buildStart
    metrics.paragraphs = paragraphs.length
    const api = mufakatApi(target, room)
    if (api !== null) metrics.compactionMs = await api.compactionMs()

    // C clients join the plan (drain-only, in worker threads), then one more while typing.
    const joiners = new Crowd(target)
    for (let i = crowd.members.length; i < clients; i += 1) joiners.addDrain(room)
    const meter = startMeter(target)
    const joinStart = now()
    const joinTimes = await joiners.connectAll(120_000)
    metrics.joinAllMs = now() - joinStart
    metrics.joinP99Ms = summarizeLatencies(joinTimes).p99
    metrics.generatorCpuPct = meter.stop().generatorCpuPct

    let version: string | null = null
    if (api !== null) {
      const saved = await api.time(() => api.saveVersion('S9'))
      metrics.versionSaveMs = saved.ms
      version = saved.value
    }
    const typing = pace((TYPING_PER_SEC * TYPING_MS) / 1000, 1000 / TYPING_PER_SEC, () => {
      const { seq, update } = own.next((doc) => appendParagraphs(doc, ['A late change.']))
      crowd.send(writer, seq, update)
    })
    await sleep(TYPING_MS / 4)
    metrics.lateJoinMs = await joinOnce(room, target.definition.protocol)
    await typing
    await crowd.drain(5000, 30_000)

    if (api !== null && version !== null) {
      metrics.compareMs = (await api.time(() => api.compare(version ?? ''))).ms
      metrics.exportMdMs = (await api.time(() => api.exportAs('md'))).ms
      metrics.exportHtmlMs = (await api.time(() => api.exportAs('html'))).ms
    }
    // Before any restart: a restarted process starts its peak afresh.
    const loaded = memoryMb(target.pid)
    metrics.rssLoadedMb = loaded.rssMb
    metrics.peakRssMb = loaded.peakRssMb
    await joiners.closeAll()
    await crowd.closeAll()

    if (target.definition.persistent) {
      await target.restart()
      let stateBytes = 0
      const first = new LightClient(room, target.definition.protocol, {
        onSynced: (state) => {
          stateBytes = state.byteLength
        },
      })
      metrics.coldLoadMs = await first.connect(120_000)
      first.close()
      await first.closed()
      if (stateBytes < planBytes) notes.push(`cold load synced only ${stateBytes} bytes`)
      metrics.rssAfterColdLoadMb = memoryMb(target.pid).rssMb
    }
    return { metrics, notes }
  },
}

const joinOnce = async (room: RoomAccess, protocol: Protocol): Promise<number> => {
  const client = new LightClient(room, protocol)
  const ms = await client.connect(120_000)
  client.close()
  await client.closed()
  return ms
}

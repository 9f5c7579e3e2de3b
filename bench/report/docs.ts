import type { BenchResult } from './records.js'

/** docs/performance.md: how the numbers were made, on what, and the latest tables. */
export const renderDocs = (result: BenchResult, tables: string): string => {
  const m = result.machine
  const targets = result.targets.map((t) => `- \`${t.name}\`: ${t.description}`).join('\n')
  return `# Performance

Latest run of \`npm run bench\` (${result.mode}${result.partial ? ', partial' : ''}), finished ${result.finishedAt}.
Raw numbers: \`bench/results/<timestamp>.json\` (not committed).

- Command: \`${result.command}\`${
    result.merged === undefined
      ? ''
      : `\n- Slices re-run and merged in (they replace the originals): ${result.merged.map((m) => `\`${m}\``).join('; ')}`
  }
- Machine: ${m.cpuModel}, ${m.cores} cores, Linux ${m.kernel}, Node ${m.node}
- Pinning: ${result.generatorPinned ? 'server on core 0, load generator on core 1 (`taskset`)' : 'none (no taskset): server and generator share the cores'}
- Repetitions: ${result.sizes.repetitions}, targets interleaved; cells are median (min–max)

## Targets
${targets}

Every target is a separate process started by the bench on a free loopback port with a
fresh data directory, one process per run (so peak RSS is that run's).

Notes on the peers:
- The reference keeps every document in memory for the life of the process when it has no
  persistence (it only drops documents it can write to YPERSISTENCE, whose leveldown
  install script is denied here). It runs on the \`ws\` 6 it installs.
- Hocuspocus declares \`engines: node >= 22\` but runs on Node 20 in every scenario here.
  Like Mufakat it merges the updates of one event-loop turn into one relayed message. Its
  SQLite extension stores the whole document debounced (2 s, at most 10 s) and when a
  document unloads, so a relayed update is not yet on disk: weaker than Mufakat's
  commit-before-relay.
- The relay does no Yjs work, does not echo to the sender and does not merge frames, so
  at high rates a server that merges can deliver more tokens per second than it.

## How it measures
- **Load generator**: one Node process of light clients — a \`ws\` socket each, the sync
  protocol encoded by hand with lib0 / y-protocols, no provider. Writers own a small
  \`Y.Doc\` and insert one unique token ("<writer>.<seq>;") per update into a text.
- **Receivers** decode each received update with \`Y.decodeUpdate\` and read the tokens from
  its string contents, without applying it. One update may carry several tokens (servers
  merge what one turn applied). Results are memoised by the exact update bytes because a
  server sends the same bytes to every receiver.
- **Rooms** are prepared before clients connect and outside every timing. Mufakat syncs
  only rooms that exist and only to token holders, so the bench creates a workspace and
  one blank document per room through its REST API and connects with the facilitator
  token (\`/sync/doc:<id>?token=…\`); peers take any room name.
- **Latency** = receive time − send time of that token, both in the generator process.
  Pacing is open loop (update i is due at start + i·interval), so a slow server cannot
  slow the offered load down.
- **Accounting**: every client of the room other than the writer is owed every token.
  Missing arrivals are **lost**, second arrivals **dup**, tokens in a foreign room
  **cross-room**. A writer's own echo (the reference, Hocuspocus and Mufakat send updates
  back to their sender; the relay does not) is not a delivery and is counted separately
  (\`echoes\` in the JSON).
- **Server CPU s / peak RSS** come from \`/proc/<pid>/stat\` (utime+stime) and
  \`/proc/<pid>/status\` (VmHWM, VmRSS), the same for every target. "gen CPU %" is the load
  generator's own CPU: near 100% means the generator, not the server, was the limit.
- **Quiet machine**: before each run /proc/stat is sampled (\`--strict\` refuses to run
  when less than 85% is idle), and during the run the CPU used by processes other than
  the target and the generator is measured; a run busy before or with others using more
  than 15% of a core during it is marked ⚠.

## Scenarios
- **S1 fan-out**: one room, N clients, ${result.sizes.s1.writers} writers × ${result.sizes.s1.ratePerWriter} updates/s for ${result.sizes.s1.durationMs / 1000} s.
- **S2 many rooms**: ${result.sizes.s2.rooms} rooms × 2 clients (64 handshakes in flight); time until all are synced, RSS,
  then each client writes one token that must reach only its room-mate.
- **S3 burst**: one writer sends ${result.sizes.s3.updates} prepared updates as fast as it can to ${result.sizes.s3.receivers} receivers;
  updates/s = updates ÷ time until the last receiver got the last token.
- **S4 saturation**: one room of ${result.sizes.s4.clients} clients; steps of ${result.sizes.s4.stepMs / 1000} s add writers (then rate)
  until p99 > ${result.sizes.s4.p99LimitMs} ms or anything is lost; reports the curve and the highest deliveries/s of a passing step.
- **S5 cold load**: ${result.sizes.s5.updates} updates written through a client, clients close, the
  target is stopped (SIGTERM) and restarted on the same data; time from connect to synced
  for the first client, and the synced state is checked to hold every token. Only
  persistent targets (Mufakat, Hocuspocus with SQLite).
- **S6 rooms unload** (not run for mufakat-normal: flushing does not change unloading):
  ${result.sizes.s6.rooms} rooms × 2 clients write and leave; rooms still loaded
  after the target's unload delay (Mufakat: ROOM_UNLOAD_GRACE_MS, ${result.sizes.s6.graceMs === null ? 'its default of 5000 ms' : `${result.sizes.s6.graceMs} ms here, default 5000 ms`}), and RSS after a full GC
  forced over the inspector protocol (\`--inspect\` + \`HeapProfiler.collectGarbage\`),
  compared with the idle RSS after a GC right after start.

## Latest results
${tables}
## Run it
\`\`\`
npm run bench                                   # everything, ~13 min on 2 cores
npm run bench -- --quick                        # seconds; CI runs this so the bench never rots
npm run bench -- --only S1,S3 --targets mufakat-full,reference
\`\`\`
`
}

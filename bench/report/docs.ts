import { GENERATOR_LIMIT_PCT, GENERATOR_STARVED_PCT } from '../lib/meter.js'
import type { BenchResult } from './records.js'

/** docs/performance.md: how the numbers were made, on what, and the latest tables. */
export const renderDocs = (result: BenchResult, tables: string): string => {
  const m = result.machine
  const targets = result.targets.map((t) => `- \`${t.name}\`: ${t.description}`).join('\n')
  const skipped = (result.skipped ?? []).map((s) => `- skipped ${s}`).join('\n')
  const busy = result.runs.filter((r) => r.busy).length
  const bound = result.runs.filter((r) => r.generatorBound === true).length
  return `# Performance

Latest run of \`npm run bench\` (${result.mode}${result.partial ? ', partial' : ''}), finished ${result.finishedAt}.
Raw numbers: \`bench/results/<timestamp>.json\` (not committed).
What each limit was, what fixed it, and partial runs: [performance-findings.md](performance-findings.md)
(written by hand; the bench never rewrites it).

- Command: \`${result.command}\`${
    result.merged === undefined
      ? ''
      : `\n- Slices re-run and merged in (they replace the originals): ${result.merged.map((m) => `\`${m}\``).join('; ')}`
  }
- Machine: ${m.cpuModel}, ${m.cores} cores, Linux ${m.kernel}, Node ${m.node}
- Pinning: ${result.generatorPinned ? 'server on core 0, load generator on core 1 (`taskset`)' : 'none (no taskset): server and generator share the cores'}
- Repetitions: ${result.sizes.repetitions}, targets interleaved; cells are median (min–max)
- Disturbed runs (⚠, the machine was busy with other work): ${busy} of ${result.runs.length}; runs whose load generator passed ${GENERATOR_LIMIT_PCT}% of its core (†, they do not tell servers apart): ${bound}

## Targets
${targets}${skipped === '' ? '' : `\n${skipped}`}

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
- \`mufakat-postgres\` is Mufakat with \`DATABASE_URL\` pointing at a database the bench
  creates on the local PostgreSQL for each run and drops after it (\`MUFAKAT_BENCH_PG_URL\`
  overrides \`postgres://postgres@127.0.0.1:5432\`). It is skipped, with the reason, when
  PostgreSQL does not answer; \`--quick\` never runs it. A server built before the
  PostgreSQL engine ignores \`DATABASE_URL\`, so until then this target measures SQLite.
- The relay does no Yjs work, does not echo to the sender and does not merge frames, so
  at high rates a server that merges can deliver more tokens per second than it.
- The two cluster targets run the cluster scenarios (S7, S8) only, and nothing else runs
  on them. \`mufakat-cluster\` is three Mufakat nodes (a NODE_ID each, one shared data
  directory) on one fresh PostgreSQL database and the local Redis
  (\`MUFAKAT_BENCH_REDIS_URL\` overrides \`redis://127.0.0.1:6379\`) under a REDIS_PREFIX of
  the run's own, deleted after it. \`hocuspocus-redis\` is three in-memory Hocuspocus
  processes with \`@hocuspocus/extension-redis\` on the same Redis, under a prefix of its
  own. Both are skipped, with the reason, when PostgreSQL (Mufakat) or Redis does not answer.
  All nodes of a cluster share the server core; server CPU and peak RSS are their sums.
  Mufakat commits every update to PostgreSQL before any node relays it; Hocuspocus relays
  through Redis from memory and stores nothing here.

## How it measures
- **Load generator**: one Node process of light clients — a \`ws\` socket each, the sync
  protocol encoded by hand with lib0 / y-protocols, no provider. Writers own a small
  \`Y.Doc\` and insert one unique token ("<writer>.<seq>;") per update into a text; they
  only drain what they receive.
- **Receivers** are of two kinds. *Measuring* receivers (S1: at most ${result.sizes.s1.measured} per room,
  S4: ${result.sizes.s4.measured}) decode each received update with \`Y.decodeUpdate\` and read the tokens from
  its string contents, without applying it; one update may carry several tokens (servers
  merge what one turn applied), and results are memoised by the exact update bytes.
  *Drain-only* receivers, the rest, live in two worker threads and only read their socket and
  count bytes; after each run the fewest bytes a drain-only receiver got is compared with
  the fewest a measuring one got (\`drainBytesRatio\` in the JSON; below 1 is reported).
  So hundreds of receivers cost the generator their socket reads, not hundreds of decodes.
- **Generator headroom**: "gen CPU %" is the generator's CPU, every thread of it
  (\`process.cpuUsage\`), as % of the one core it is pinned to; \`generatorLoopPct\` in
  the JSON is its main thread's event-loop use. A run whose generator passed
  ${GENERATOR_LIMIT_PCT}% is marked † and does not tell servers apart. \`generatorWaitPct\` is the time its
  threads waited, runnable, for a CPU, summed over threads (\`/proc/self/task/*/schedstat\`): on a shared machine
  a generator can be starved with a low CPU %, so a run where it waited more than
  ${GENERATOR_STARVED_PCT}% of the time is marked ⚠ as well.
- **Rooms** are prepared before clients connect and outside every timing. Mufakat syncs
  only rooms that exist and only to token holders, so the bench creates a workspace and
  one blank document per room through its REST API and connects with the facilitator
  token (\`/sync/doc:<id>?token=…\`); peers take any room name.
- **Latency** = receive time − send time of that token, both in the generator process.
  Pacing is open loop (update i is due at start + i·interval), so a slow server cannot
  slow the offered load down.
- **Accounting**: every measuring client of the room other than the writer is owed every
  token (deliveries/s in S1 count those; S4 scales them to every client of the room).
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
- **Browser** (S10): Chromium (\`CHROMIUM_PATH\`, default /usr/bin/chromium) started by the
  generator but allowed on every core (thirty pages on the generator's one core could not
  open within the run's time); its CPU counts as the generator's, not as other processes';
  \`--skip-browser\` leaves it out.

## Scenarios
- **S1 fan-out**: one room, N clients, ${result.sizes.s1.writers} writers × ${result.sizes.s1.ratePerWriter} updates/s for ${result.sizes.s1.durationMs / 1000} s.
- **S2 many rooms**: ${result.sizes.s2.rooms} rooms × 2 clients (64 handshakes in flight); time until all are synced, RSS,
  then each client writes one token that must reach only its room-mate.
- **S3 burst**: one writer sends ${result.sizes.s3.updates} prepared updates as fast as it can to ${result.sizes.s3.receivers} receivers;
  updates/s = updates ÷ time until the last receiver got the last token.
- **S4 saturation**: one room of ${result.sizes.s4.clients} clients (up to ${result.sizes.s4.writers} writers, ${result.sizes.s4.measured} measuring, the rest
  drain-only); steps of ${result.sizes.s4.stepMs / 1000} s, every update made before the step, double the offered load
  from ${result.sizes.s4.startPerSec} updates/s until a load fails twice (p99 > ${result.sizes.s4.p99LimitMs} ms, a loss, a duplicate, a
  dropped socket or a drain-only receiver short of bytes), then bisect. The ramp also stops
  when the generator passes ${GENERATOR_LIMIT_PCT}% of its core ("stopped by generator" = 1: the server's
  ceiling is above the figure, not at it), or at ${result.sizes.s4.maxPerSec} updates/s. Reports the curve and the highest
  deliveries/s to all clients of a passing step.
- **S5 cold load**: ${result.sizes.s5.updates} updates written through a client, clients close, the
  target is stopped (SIGTERM) and restarted on the same data; time from connect to synced
  for the first client, and the synced state is checked to hold every token. Only
  persistent targets (Mufakat, Hocuspocus with SQLite).
- **S6 rooms unload** (not run for mufakat-normal: flushing does not change unloading):
  ${result.sizes.s6.rooms} rooms × 2 clients write and leave; rooms still loaded
  after the target's unload delay (Mufakat: ROOM_UNLOAD_GRACE_MS, ${result.sizes.s6.graceMs === null ? 'its default of 5000 ms' : `${result.sizes.s6.graceMs} ms here, default 5000 ms`}), and RSS after a full GC
  forced over the inspector protocol (\`--inspect\` + \`HeapProfiler.collectGarbage\`),
  compared with the idle RSS after a GC right after start.
- **S7 cross-node fan-out** (cluster targets): S1's room, N and load, the ${result.sizes.s1.writers} writers
  all on node 0 and the receivers (measuring and drain-only alike) dealt round-robin over
  the three nodes, so two thirds of what is timed crossed Redis. Its goal compares its p99
  with S1's on mufakat-full at the same N (within 1.5×) and with hocuspocus-redis.
- **S8 cluster throughput** (cluster targets): ${result.sizes.s8.rooms} rooms, each with ${result.sizes.s8.writersPerRoom} writers and
  ${result.sizes.s8.receiversPerRoom} receivers dealt over the nodes (room r's clients start at node r), every client
  timing what it receives; the writers send ${result.sizes.s8.ratePerWriter} updates/s each for ${result.sizes.s8.durationMs / 1000} s. "deliv/s" is
  the tokens delivered per second cluster-wide (against "expected/s" offered), with p99 and
  losses beside it.
- **S9 large plan** (Mufakat and Hocuspocus): a plan of ${(result.sizes.s9.planBytes / 1e6).toFixed(1)} MB of generated paragraphs
  (city-plan words, ${result.sizes.s9.paragraphsPerUpdate} paragraphs per update, as Tiptap's paragraph nodes) is written by one
  client; then ${result.sizes.s9.clients} clients in all join it (drain-only; "C join ms" until all are synced), one
  more joins while the writer types 20 changes/s ("late joiner"), and on Mufakat a version is
  saved, compared with the live text and exported as Markdown and HTML (REST, timed from the
  generator). "compaction ms" is the mean of \`mufakat_compaction_seconds\` on /metrics.
  Peak RSS is taken before the restart; for a target that stores, the server then restarts
  and "cold load" is a first client's connect→synced.
- **S10 keystroke to remote render** (Mufakat only, it has the browser client): ${result.sizes.s10.collaborators} people
  open one plan in Chromium (each its own profile and participant, one after another) and put
  their caret in the text, so each page draws everyone's caret; one types ${result.sizes.s10.words} words (60 ms between keys); every
  other page stamps each word at the animation frame after it reached its DOM. Latency = that
  stamp − keydown of the word's last key (one clock: the pages run on one machine). "browser
  CPU s" is what Chromium used over the whole run (opening included). Reported, never
  asserted in tests.

## Limits that remain in the bench
- **One core for the generator.** Drain-only receivers and worker threads take decoding off
  the main thread, but every thread is pinned to the generator's one core. Where a slice is
  marked † (S1 at N=500 and the high S4 steps are the likely ones on 2 cores), the figure is
  the generator's as much as the server's; S4 then reports "stopped by generator" and its
  figure is a floor. A second machine (or more cores) for the generator is the way past it.
- **Drain-only receivers are counted, not timed**: their losses show as fewer bytes than a
  measuring receiver got (\`drainBytesRatio\`), not token by token; latency percentiles come
  from the measuring sample only, and S4's deliveries/s to all clients are scaled from it.
- **S10 runs thirty browsers on the bench's machine**: thirty renderers on two cores (the
  server's among them) include their own scheduling in the latency, so on a 2-core machine
  the figure is an upper bound of what a person on their own device sees.
- **S9** reads compaction time from Mufakat's histogram (the mean of the compactions the
  build caused); Hocuspocus has no versions, compare or export, so those cells stay empty.
- **mufakat-postgres** measures SQLite until the server reads \`DATABASE_URL\`.
- The server's own limits: the flush is off the event loop (issue 20 item 2) and sockets
  joining rooms no longer queue on the SQLite writer thread (item 3), but RSS is still above
  the reference's (the young generation, the SQLite threads, module code). The goals table
  says which figures they still miss.

## Latest results
${tables}
## Run it
\`\`\`
npm run bench                                   # everything
npm run bench -- --quick                        # about a minute; CI runs it so the bench never rots
npm run bench -- --skip-browser                 # without S10 (Chromium)
npm run bench -- --only S1,S3 --targets mufakat-full,reference
BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench -- --only S2   # profile each server (one file per thread)
\`\`\`
`
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage } from '../../server/src/store/open-storage.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { keystroke, latencySummary } from './probe-commits.js'

/*
 * The two ways a room commit reaches the SQLite writer thread, timed side by side in one run
 * (interleaved, so a busy machine weighs on both alike): a plain commit, one message and one
 * answer, and one carrying a rules' write, a message per statement (BEGIN … COMMIT). Each runs
 * with the event loop idle, and busy (every turn spends `--turn-ms` computing, as serving many
 * sockets does): a round trip then waits for a turn. DURABILITY=full, one commit in flight.
 * `node --import tsx bench/probes/sqlite-room-commit-paths.ts [--turn-ms 1]`
 */

const turnMs = Number(process.argv[process.argv.indexOf('--turn-ms') + 1] ?? 1) || 1
const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-probe-'))
const storage = await openStorage(
  { engine: 'sqlite', dataDir, durability: Durability.full, busyTimeoutMs: 5000 },
  {
    logger: { info: () => {}, error: (fields, message) => console.error(message, fields) },
    effectFailed: (error) => console.error(error),
  },
)
const created = new Date().toISOString()
await storage.repositories.workspaces.insertWorkspace({
  id: 'w',
  name: 'w',
  description: '',
  createdAt: created,
  language: 'en',
})
await storage.repositories.workspaces.insertParticipant({
  id: 'p',
  workspaceId: 'w',
  displayName: 'p',
  group: 'media',
  role: 'stakeholder',
  tokenHash: 'h',
  joinedAt: created,
})
const rooms = Array.from({ length: 10 }, (_, i) => `r${i}`)
for (const room of rooms) await storage.repositories.documents.insertWorkspaceRoom(room, 'w', 'doc')
const roomStore = roomStorageOver(storage, '')

// Messages posted to the writer thread, counted.
let posted = 0
const post = Worker.prototype.postMessage
Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
  posted++
  return post.apply(this, args)
}

// A busy event loop: every turn computes for `turnMs` before the next one.
let busy = false
const spin = () => {
  if (!busy) return
  const until = performance.now() + turnMs
  while (performance.now() < until);
  setImmediate(spin)
}

const label = (ruled: boolean) => (ruled ? 'transaction of statements' : 'one message')
for (const width of [1, 10])
  for (const loaded of [false, true]) {
    const runs = new Map<boolean, { ms: number[]; messages: number }>([
      [true, { ms: [], messages: 0 }],
      [false, { ms: [], messages: 0 }],
    ])
    busy = loaded
    spin()
    for (let block = 0; block < 10; block++)
      for (const ruled of [true, false])
        for (let i = 0; i < 20; i++) {
          const run = runs.get(ruled)
          if (!run) throw new Error('no run')
          const before = posted
          const started = performance.now()
          await roomStore.append(rooms.slice(0, width).map((room) => keystroke(room, ruled)))
          run.ms.push(performance.now() - started)
          run.messages += posted - before
        }
    busy = false
    for (const [ruled, { ms, messages }] of runs)
      console.log(
        `${width} room(s) a commit, event loop ${loaded ? `busy (${turnMs} ms a turn)` : 'idle'}, ${label(ruled)}: ${(messages / ms.length).toFixed(1)} messages a commit; ${latencySummary(ms)}`,
      )
  }
Worker.prototype.postMessage = post
await storage.close()
rmSync(dataDir, { recursive: true, force: true })

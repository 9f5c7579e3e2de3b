import pg from 'pg'
import { roomStorageOver } from '../../server/src/room-storage.js'
import { openStorage, type Storage } from '../../server/src/store/open-storage.js'
import type { RoomStorage } from '../../server/src/sync/ports.js'
import { createRunDatabase } from '../targets/postgres-database.js'
import { keystroke, latencySummary } from './probe-commits.js'

/*
 * The two ways a room commit reaches PostgreSQL, timed side by side in one run (interleaved,
 * so a busy machine weighs on both alike): a plain commit, one statement, and one carrying a
 * rules' write, the transaction of several statements every commit took before. Then three
 * nodes committing the same rooms, numbering their commits each on their own (as they do) and
 * all under one name (one number per room, as before: each waited for the others' flushes),
 * with one person writing on every node (the rows counting their activity are shared, as in
 * the bench's S8, whose clients all hold one token) or a person per node.
 * `node --import tsx bench/probes/room-commit-paths.ts`
 */

const database = await createRunDatabase()
const quiet = {
  info: () => {},
  error: (fields: object, message: string) => console.error(message, fields),
}
const nodes: Storage[] = []
for (let i = 0; i < 3; i++)
  nodes.push(
    await openStorage(
      { engine: 'postgres', url: database.url, cluster: true },
      { logger: quiet, effectFailed: (error) => console.error(error) },
    ),
  )
const rooms = ['r0', 'r1', 'r2']
const admin = new pg.Client({ connectionString: database.url })
await admin.connect()
await admin.query(
  `INSERT INTO workspace (id, name, description, created_at) VALUES ('w', 'w', '', 'x')`,
)
await admin.query(
  `INSERT INTO participant (id, workspace_id, display_name, stakeholder_group, role, token_hash, joined_at)
   VALUES ('p', 'w', 'p', 'media', 'stakeholder', 'h', 'x'), ('p0', 'w', 'p0', 'media', 'stakeholder', 'h0', 'x'),
     ('p1', 'w', 'p1', 'media', 'stakeholder', 'h1', 'x'), ('p2', 'w', 'p2', 'media', 'stakeholder', 'h2', 'x')`,
)
for (const room of rooms)
  await admin.query(`INSERT INTO room (name, workspace_id, kind) VALUES ($1, 'w', 'doc')`, [room])
await admin.end()
const storages: RoomStorage[] = nodes.map((node, index) => roomStorageOver(node, `node-${index}`))
const sharingOneNumber: RoomStorage[] = nodes.map((node) => roomStorageOver(node, 'one'))

const label = (ruled: boolean) => (ruled ? 'transaction of statements' : 'one statement')

// One node committing one room, commit after commit, the two ways in turn.
const single = new Map<boolean, number[]>([
  [true, []],
  [false, []],
])
for (let block = 0; block < 20; block++)
  for (const ruled of [true, false])
    for (let i = 0; i < 15; i++) {
      const started = performance.now()
      await storages[0]?.append([keystroke('r0', ruled)])
      single.get(ruled)?.push(performance.now() - started)
    }
for (const [ruled, ms] of single)
  console.log(`one node, one room, ${label(ruled)}: ${latencySummary(ms)}`)

// Three nodes committing the same three rooms at once, as in S8.
const numberings = [
  ['numbered per node', storages],
  ['one number per room', sharingOneNumber],
] as const
for (const personPerNode of [false, true])
  for (const ruled of [true, false, true, false])
    for (const [numbering, each] of numberings) {
      const ms: number[] = []
      const until = performance.now() + 3000
      await Promise.all(
        each.map(async (storage, index) => {
          const person = personPerNode ? `p${index}` : 'p'
          while (performance.now() < until) {
            const started = performance.now()
            await storage.append(rooms.map((room) => keystroke(room, ruled, person)))
            ms.push(performance.now() - started)
          }
        }),
      )
      const writers = personPerNode ? 'a person per node' : 'one person on every node'
      console.log(
        `3 nodes × 3 rooms, ${writers}, ${label(ruled)}, ${numbering}: ${(ms.length / 3).toFixed(0)} commits/s; ${latencySummary(ms)}`,
      )
    }
for (const node of nodes) await node.close()
await database.drop()

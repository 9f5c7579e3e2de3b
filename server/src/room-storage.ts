import type { Storage } from './store/open-storage.js'
import type { PlainRoomCommit } from './store/plain-room-commit.js'
import type { RoomCommit, RoomStorage } from './sync/ports.js'

/** Whether a commit is rows only: no deletions to join with stored ones, no rules' writes. */
const isPlain = ({ alongside, deletions }: RoomCommit): boolean =>
  alongside.length === 0 && deletions.length === 0

const plain = ({ room, update, authors, writers, edits }: RoomCommit): PlainRoomCommit => ({
  room,
  update,
  authors: [...authors],
  writers,
  edits: edits.map(({ principal, ...edit }) => ({ participantId: principal, ...edit })),
})

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The batch with its rooms, and each room's people, client ids and deletions, in one order on
 * every node: two nodes committing the same rooms then lock the rows they both write (a
 * person's activity in a room, say) in the same order, and never deadlock. (The heads, once
 * shared, made them take turns room by room; each node's are its own now.)
 */
const ordered = (batch: readonly RoomCommit[]): RoomCommit[] =>
  [...batch]
    .sort((a, b) => byText(a.room, b.room))
    .map((one) => ({
      ...one,
      authors: new Map([...one.authors].sort(([a], [b]) => byText(a, b))),
      writers: [...one.writers].sort(([a], [b]) => a - b),
      deletions: [...one.deletions].sort((a, b) => a.client - b.client || a.clock - b.clock),
      edits: [...one.edits].sort((a, b) => byText(a.principal, b.principal)),
    }))

/**
 * The sync core's storage, over the store's units: a room's log and who wrote it, each commit in
 * a transaction of its own with what the room's rules asked to keep beside it, numbered among
 * the commits of `origin` (this node).
 */
export const roomStorageOver = (
  { units, plainCommits }: Pick<Storage, 'units' | 'plainCommits'>,
  origin: string,
): RoomStorage => ({
  origin,
  // One snapshot of the log and its writers; on SQLite it reads beside the writer, not behind it.
  load: async (room) =>
    await units.read(async (tx) => ({
      ...(await tx.roomLog.load(room)),
      writers: await tx.authorship.writers(room),
    })),
  // The updates and who made them, in one transaction: one flush, done when it resolves.
  append: async (unordered) => {
    const all = ordered(unordered)
    // Its own transaction, always: joined to a domain's, it would be relayed when it resolves
    // and could still be rolled back after.
    if (units.active) throw new Error('a room commit must not join another transaction')
    // A plain commit is one trip to the database instead of about eight: on PostgreSQL one
    // statement (this node's heads of the rooms locked for it only), on SQLite one message to
    // the writer thread and one answer.
    if (all.every(isPlain)) return await plainCommits.store(all.map(plain), Date.now(), origin)
    return await units.transaction(async (tx) => {
      // Only rooms that still exist, held so that no deletion passes this commit: a room
      // deleted meanwhile (perhaps on another node) is left out, and stores nothing.
      const existing = await tx.documents.holdRooms(all.map(({ room }) => room))
      const batch = all.filter(({ room }) => existing.has(room))
      const seqs = await tx.roomLog.append(batch, origin)
      // What the room's rules asked to keep with these updates (audit entries of moderation).
      for (const { alongside } of batch) for (const write of alongside) await write()
      const now = Date.now()
      await tx.activity.add(
        batch.flatMap(({ room, authors }) =>
          [...authors].map(([participantId, updates]) => ({ room, participantId, updates })),
        ),
        now,
      )
      await tx.activity.addEdits(
        batch.flatMap(({ room, edits }) =>
          edits.map(({ principal, ...edit }) => ({ room, participantId: principal, ...edit })),
        ),
        now,
      )
      await tx.authorship.record(
        batch.map(({ room, writers, deletions }) => ({
          room,
          writers,
          deletions: deletions.map(({ principal, ...range }) => ({
            participantId: principal,
            ...range,
          })),
        })),
      )
      return seqs
    })
  },
  since: (room, held) => units.transaction((tx) => tx.roomLog.since(room, held)),
  // Its own unit: the snapshot and the log it folds change together.
  compact: (room, current) => units.transaction((tx) => tx.roomLog.compact(room, current)),
})

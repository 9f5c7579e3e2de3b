/**
 * Each node's last commit number in a room (a room's commits are numbered per node that made
 * them: 1, 2, 3… for each). What a snapshot folds, what a document holds, what a node has read.
 */
export type CommitHeads = ReadonlyMap<string, number>

/** Each stored room's heads, as a commit answers them: this node's number and the others'. */
export type RoomHeads = Map<string, Map<string, number>>

/**
 * A snapshot's heads as stored; one that is not (written by hand) stops the room loading. Read
 * from JSON.parse's own properties, never copied into an object, so any node name (even
 * `__proto__`) stays a name.
 */
export const readHeads = (text: string, room: string): Map<string, number> => {
  const unreadable = new Error(`room ${room}: its snapshot's commit numbers are unreadable`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw unreadable
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable
  const heads = new Map<string, number>()
  for (const [node, seq] of Object.entries(parsed)) {
    if (!Number.isSafeInteger(seq) || seq < 0) throw unreadable
    heads.set(node, seq)
  }
  return heads
}

export const writeHeads = (heads: CommitHeads): string => JSON.stringify(Object.fromEntries(heads))

/** Adds `node`'s number `seq` for `room` to `heads`. */
export const addRoomHead = (heads: RoomHeads, room: string, node: string, seq: number): void => {
  const ofRoom = heads.get(room) ?? new Map<string, number>()
  ofRoom.set(node, Number(seq))
  heads.set(room, ofRoom)
}

/** Raises `heads` to `node`'s number `seq` where it is past what they say. */
export const raiseHead = (heads: Map<string, number>, node: string, seq: number): void => {
  if (seq > (heads.get(node) ?? 0)) heads.set(node, seq)
}

/** Whether `heads` hold a number past `than` for some node. */
export const passes = (heads: CommitHeads, than: CommitHeads): boolean =>
  [...heads].some(([node, seq]) => seq > (than.get(node) ?? 0))

import { z } from 'zod'

/**
 * Each node's last commit number in a room (a room's commits are numbered per node that made
 * them: 1, 2, 3… for each). What a snapshot folds, what a document holds, what a node has read.
 */
export type CommitHeads = ReadonlyMap<string, number>

const storedHeads = z.record(z.string(), z.number().int().nonnegative())

/** A snapshot's heads as stored; one that is not (written by hand) stops the room loading. */
export const readHeads = (text: string, room: string): Map<string, number> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const checked = storedHeads.safeParse(parsed)
  if (!checked.success)
    throw new Error(`room ${room}: its snapshot's commit numbers are unreadable`)
  return new Map(Object.entries(checked.data))
}

export const writeHeads = (heads: CommitHeads): string => JSON.stringify(Object.fromEntries(heads))

/** Raises `heads` to `node`'s number `seq` where it is past what they say. */
export const raiseHead = (heads: Map<string, number>, node: string, seq: number): void => {
  if (seq > (heads.get(node) ?? 0)) heads.set(node, seq)
}

/** Whether `heads` hold a number past `than` for some node. */
export const passes = (heads: CommitHeads, than: CommitHeads): boolean =>
  [...heads].some(([node, seq]) => seq > (than.get(node) ?? 0))

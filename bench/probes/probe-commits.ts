import { randomBytes } from 'node:crypto'
import type { RoomCommit } from '../../server/src/sync/ports.js'

/*
 * What the room-commit probes share: the commit they time, and how they print the timings.
 */

/**
 * A keystroke's commit by participant `person` ('p' unless said): an update, its author, a new
 * client id, a character typed; `ruled` adds a rules' write beside it (a no-op), which sends it
 * the transaction way.
 */
export const keystroke = (room: string, ruled: boolean, person = 'p'): RoomCommit => ({
  room,
  update: randomBytes(40),
  authors: new Map([[person, 1]]),
  writers: [[Math.floor(Math.random() * 1e9), person]],
  deletions: [],
  edits: [{ principal: person, added: 1, removed: 0 }],
  alongside: ruled ? [async () => undefined] : [],
})

/** n, mean and percentiles of timings in milliseconds, on one line. */
export const latencySummary = (ms: readonly number[]): string => {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0).toFixed(1)
  const mean = sorted.reduce((sum, one) => sum + one, 0) / sorted.length
  return `n=${sorted.length} mean ${mean.toFixed(1)} p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} ms`
}

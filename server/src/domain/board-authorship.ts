import { writtenValues } from './update-values.js'

/** Who writes to a mediation's board, and for which parties they may state interests. */
export interface BoardWriter {
  participantId: string
  /** Party ids whose interests this writer may state: their own party's, or all for the mediator. */
  speaksFor: ReadonlySet<string>
  /** Every party of the mediation: interests are the only values written under a party's id. */
  parties: ReadonlySet<string>
}

/**
 * Whether an update to the board (shared/src/ydoc/mediation-board.ts) is honest: issues and
 * options it adds carry the writer as `by`, and it states interests only for parties the writer
 * speaks for. Nobody can put words in another party's mouth.
 */
export const boardAuthoredBy = (update: Uint8Array, writer: BoardWriter): boolean => {
  for (const { key, values } of writtenValues(update)) {
    if (key === 'by' && values.some((value) => value !== writer.participantId)) return false
    if (key !== null && writer.parties.has(key) && !writer.speaksFor.has(key)) return false
  }
  return true
}

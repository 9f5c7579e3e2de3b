import * as Y from 'yjs'
import { tokenText } from './tokens.js'

/**
 * A writer's own small document. Each `next()` appends one token to a text, the way a
 * person types, and returns the update Yjs produced for it.
 */
export class TokenWriter {
  readonly doc = new Y.Doc()
  private readonly text = this.doc.getText('t')
  private last: Uint8Array | null = null
  private seq = 0

  constructor(readonly writerId: number) {
    this.doc.on('update', (update: Uint8Array) => {
      this.last = update
    })
  }

  /** The next token; `alongside` changes more of the document in the same update (S9's pages). */
  next(alongside?: (doc: Y.Doc) => void): { seq: number; update: Uint8Array } {
    const seq = this.seq
    this.seq += 1
    this.last = null
    this.doc.transact(() => {
      alongside?.(this.doc)
      this.text.insert(this.text.length, tokenText(this.writerId, seq))
    })
    if (this.last === null) throw new Error('Yjs produced no update for an insert')
    return { seq, update: this.last }
  }
}

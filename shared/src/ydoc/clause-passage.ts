import * as Y from 'yjs'
import { type PassageProblem, passageMaxLength } from '../schema/clause.js'
import { suggestionMarks } from './suggestions.js'

/**
 * The plan's text flattened to one string — each run of text in document order, a line break
 * before every run but the first — with where each Yjs position falls in it. Server and browser
 * read a passage through this one function, so the text a decision names and the text the
 * margin compares it with are read alike.
 */
interface FlatText {
  text: string
  /** Where in `text` a suggestion (an insertion or a deletion not yet settled) lies. */
  suggested: { start: number; end: number }[]
  /** The offset of a position (a type and an index in it); undefined outside the fragment. */
  offsetOf(type: object, index: number): number | undefined
}

const flatten = (fragment: Y.XmlFragment): FlatText => {
  let text = ''
  const suggested: FlatText['suggested'] = []
  const childOffsets = new Map<object, number[]>()
  const runs = new Map<object, { start: number; length: number }>()
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    const offsets: number[] = []
    for (const child of parent.toArray()) {
      offsets.push(text.length)
      if (child instanceof Y.XmlText) {
        if (text.length > 0) text += '\n'
        // Embeds count one in a Y.Text's indexes; the editor's schema writes none.
        const ops = child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]
        const start = text.length
        for (const op of ops) {
          const piece = typeof op.insert === 'string' ? op.insert : '\uFFFC'
          if (suggestionMarks.some((mark) => op.attributes?.[mark] !== undefined)) {
            suggested.push({ start: text.length, end: text.length + piece.length })
          }
          text += piece
        }
        runs.set(child, { start, length: text.length - start })
      } else if (child instanceof Y.XmlElement) {
        visit(child)
      }
    }
    offsets.push(text.length)
    childOffsets.set(parent, offsets)
  }
  visit(fragment)
  return {
    get text() {
      return text
    },
    suggested,
    offsetOf(type, index) {
      const run = runs.get(type)
      if (run) return run.start + Math.min(Math.max(index, 0), run.length)
      const offsets = childOffsets.get(type)
      if (!offsets) return undefined
      return offsets[Math.min(Math.max(index, 0), offsets.length - 1)]
    },
  }
}

/**
 * The passage's text, and whether a suggestion not yet settled lies in it (its suggested words
 * are in `text` as the editor shows them; consent is asked on settled text only).
 */
export type PassageReading =
  | { text: string; underSuggestion: boolean }
  | { problem: PassageProblem }

/**
 * The text between two encoded relative positions in `fragment` (a plan's text), or why there is
 * none: positions that do not decode, that name items or types the fragment's document does not
 * hold or that lie outside the fragment, an end not after the start, or too long a passage.
 */
export const readPassage = (
  fragment: Y.XmlFragment,
  start: Uint8Array,
  end: Uint8Array,
): PassageReading => {
  const doc = fragment.doc
  if (!doc) return { problem: 'anchor_outside_document' }
  const flat = flatten(fragment)
  const resolve = (encoded: Uint8Array): number | PassageProblem => {
    let position: Y.RelativePosition
    try {
      position = Y.decodeRelativePosition(encoded)
    } catch {
      return 'anchor_unreadable'
    }
    // A root type of another name would be created by resolving it: never look it up.
    if (position.tname !== null) {
      const root: unknown = doc.share.get(position.tname)
      if (root !== fragment) return 'anchor_outside_document'
    }
    let absolute: Y.AbsolutePosition | null
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
    } catch {
      return 'anchor_outside_document'
    }
    if (!absolute) return 'anchor_outside_document'
    return flat.offsetOf(absolute.type, absolute.index) ?? 'anchor_outside_document'
  }
  const from = resolve(start)
  if (typeof from === 'string') return { problem: from }
  const to = resolve(end)
  if (typeof to === 'string') return { problem: to }
  if (to <= from) return { problem: 'passage_empty' }
  // A selection made of whole blocks starts or ends on a break between them: not part of it.
  const text = flat.text.slice(from, to).replace(/^\n+|\n+$/g, '')
  if (text.trim().length === 0) return { problem: 'passage_empty' }
  if (text.length > passageMaxLength) return { problem: 'passage_too_long' }
  const underSuggestion = flat.suggested.some(({ start, end }) => start < to && end > from)
  return { text, underSuggestion }
}

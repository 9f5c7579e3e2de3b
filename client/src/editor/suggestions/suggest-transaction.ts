import { type Mark, type MarkType, type Node, Slice } from '@tiptap/pm/model'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { TextSelection } from '@tiptap/pm/state'
import { Mapping, ReplaceStep } from '@tiptap/pm/transform'
import {
  type SuggestionAttrs,
  SuggestionMark,
  suggestableFormats,
} from '../../../../shared/src/ydoc/suggestions.js'

/** Who is suggesting, and how to name a new suggestion. */
export interface Suggester {
  author: Omit<SuggestionAttrs, 'id'>
  newId: () => string
}

const markOf = (node: Node | null | undefined, type: MarkType): Mark | undefined =>
  node?.marks.find((mark) => mark.type === type)

/** The suggestion of this kind by this author right next to `pos`, to grow rather than start one. */
const neighbourId = (
  doc: Node,
  pos: number,
  type: MarkType,
  authorId: string,
): string | undefined => {
  const $pos = doc.resolve(pos)
  for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
    const mark = markOf(node, type)
    if (mark && mark.attrs.authorId === authorId) return String(mark.attrs.id)
  }
  return undefined
}

/**
 * Marks the text between `from` and `to` as suggested for deletion. The author's own suggested
 * insertions are simply removed (taking back one's own suggestion); someone else's are left for
 * them or a writer to settle; block boundaries stay (joins are not suggested).
 */
const suggestDeletion = (
  out: Transaction,
  from: number,
  to: number,
  suggester: Suggester,
): void => {
  const schema = out.doc.type.schema
  const insertType = schema.marks[SuggestionMark.insert] as MarkType
  const deleteType = schema.marks[SuggestionMark.delete] as MarkType
  const own: { from: number; to: number }[] = []
  const mark: { from: number; to: number }[] = []
  out.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true
    const start = Math.max(pos, from)
    const end = Math.min(pos + node.nodeSize, to)
    const inserted = markOf(node, insertType)
    if (inserted?.attrs.authorId === suggester.author.authorId) own.push({ from: start, to: end })
    else if (!inserted && !markOf(node, deleteType)) mark.push({ from: start, to: end })
    return false
  })
  const id =
    neighbourId(out.doc, from, deleteType, suggester.author.authorId) ??
    neighbourId(out.doc, to, deleteType, suggester.author.authorId) ??
    suggester.newId()
  for (const range of mark)
    out.addMark(range.from, range.to, deleteType.create({ ...suggester.author, id }))
  for (const range of own.reverse()) out.delete(range.from, range.to)
}

/**
 * What a replace step writes, if it changes only wording: inline content, or one paragraph's
 * content pasted inside a paragraph (a paste of one line comes as an open paragraph). Steps that
 * split, join or wrap blocks answer undefined.
 */
const wording = (step: ReplaceStep): Slice | undefined => {
  if ((step as unknown as { structure: boolean }).structure) return undefined
  const { content, openStart, openEnd } = step.slice
  let inline = true
  content.forEach((node) => {
    inline &&= node.isInline
  })
  if (openStart === 0 && openEnd === 0 && inline) return step.slice
  const only = content.firstChild
  if (openStart === 1 && openEnd === 1 && content.childCount === 1 && only?.isTextblock)
    return new Slice(only.content, 0, 0)
  return undefined
}

/**
 * Inserts `slice` at `at` as a suggested insertion; returns where it ends. With `plainOnly`, it
 * keeps no formatting the server refuses on such text (a link, say).
 */
const suggestInsertion = (
  out: Transaction,
  at: number,
  slice: Slice,
  suggester: Suggester,
  plainOnly: boolean,
): number => {
  const schema = out.doc.type.schema
  const insertType = schema.marks[SuggestionMark.insert] as MarkType
  const deleteType = schema.marks[SuggestionMark.delete] as MarkType
  const id = neighbourId(out.doc, at, insertType, suggester.author.authorId) ?? suggester.newId()
  const before = out.doc.content.size
  out.replace(at, at, slice)
  const end = at + out.doc.content.size - before
  out.removeMark(at, end, deleteType)
  out.removeMark(at, end, insertType)
  if (plainOnly) {
    for (const type of Object.values(schema.marks)) {
      if (!suggestableFormats.includes(type.name)) out.removeMark(at, end, type)
    }
  }
  out.addMark(at, end, insertType.create({ ...suggester.author, id }))
  return end
}

/**
 * From the coordinates after the first `steps` steps of `tr` back to those before it, then
 * forward to those of `out`. (Mapping.slice keeps all maps for `appendMapping` and `invert`, so
 * the maps are walked by hand.)
 */
const backThenForward = (tr: Transaction, steps: number, out: Transaction): Mapping => {
  const mapping = new Mapping()
  for (let index = steps - 1; index >= 0; index--) {
    const map = tr.mapping.maps[index]
    if (map) mapping.appendMap(map.invert())
  }
  for (const map of out.mapping.maps) mapping.appendMap(map)
  return mapping
}

/**
 * The same edit made as a suggestion: from the state before `tr`, text `tr` inserts is added
 * marked as suggested, text it deletes stays, marked for deletion. Other steps (formatting,
 * splitting a paragraph, lists) apply as they are: only the wording is suggested. With
 * `wordingOnly` (someone who may only suggest: the server refuses anything else) they are left
 * out.
 */
export const suggestTransaction = (
  state: EditorState,
  tr: Transaction,
  suggester: Suggester,
  wordingOnly = false,
): Transaction => {
  const out = state.tr
  let cursor: number | undefined
  tr.steps.forEach((step, index) => {
    const toOut = backThenForward(tr, index, out)
    const slice = step instanceof ReplaceStep ? wording(step) : undefined
    if (!(step instanceof ReplaceStep) || !slice) {
      const mapped = wordingOnly ? null : step.map(toOut)
      if (mapped) out.maybeStep(mapped)
      cursor = undefined
      return
    }
    const from = toOut.map(step.from, 1)
    const to = Math.max(from, toOut.map(step.to, -1))
    let end = to
    if (slice.size > 0) end = suggestInsertion(out, to, slice, suggester, wordingOnly)
    if (to > from) {
      const sizeBefore = out.doc.content.size
      suggestDeletion(out, from, to, suggester)
      end -= sizeBefore - out.doc.content.size
      const backwards = state.selection.empty && state.selection.from === step.to
      cursor = slice.size > 0 ? end : backwards ? from : end
    } else cursor = end
  })
  if (cursor !== undefined) out.setSelection(TextSelection.create(out.doc, cursor))
  else out.setSelection(tr.selection.map(out.doc, backThenForward(tr, tr.steps.length, out)))
  // Keep what the edit said about itself (paste, input type…); `meta` has no public reader.
  for (const [key, value] of Object.entries(
    (tr as unknown as { meta: Record<string, unknown> }).meta,
  )) {
    out.setMeta(key, value)
  }
  if (tr.storedMarksSet) out.setStoredMarks(tr.storedMarks)
  return out
}

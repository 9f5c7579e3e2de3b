import * as Y from 'yjs'
import { z } from 'zod'
import { StakeholderGroup } from '../schema/people.js'
import type { ProseMirrorNode } from './prosemirror-json.js'

/**
 * Suggested changes live in the plan's text as two marks (Yjs formatting on the text), so they
 * sync, merge and survive offline editing like any other edit. A suggested insertion is text
 * that stays out of the plan until accepted; a suggested deletion is text that stays in it
 * until accepted.
 */
export const SuggestionMark = {
  insert: 'suggestionInsert',
  delete: 'suggestionDelete',
} as const
export type SuggestionMark = (typeof SuggestionMark)[keyof typeof SuggestionMark]

export const suggestionMarks: readonly SuggestionMark[] = [
  SuggestionMark.insert,
  SuggestionMark.delete,
]

/**
 * The formatting a suggested insertion of someone who may only suggest may carry besides its
 * mark (typing inside bold text is bold). Others are refused: a mark the editor's schema does
 * not know makes every editor that reads it drop the whole text.
 */
export const suggestableFormats: readonly string[] = ['bold', 'italic', 'strike', 'underline']

/**
 * Who suggested, as the suggesting device wrote it. A writer may write anything anyway, so this
 * is the writer's word; the server's own authorship (who wrote with which client id) is what the
 * who-wrote-what view relies on.
 */
export const SuggestionAttrs = z.object({
  id: z.string().max(64),
  authorId: z.string().max(64),
  authorName: z.string().max(80),
  group: StakeholderGroup,
})
export type SuggestionAttrs = z.infer<typeof SuggestionAttrs>

/** The XmlTexts under `parent`, depth first. */
const textsIn = (parent: Y.XmlFragment | Y.XmlElement, found: Y.XmlText[] = []): Y.XmlText[] => {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) found.push(child)
    else if (child instanceof Y.XmlElement) textsIn(child, found)
  }
  return found
}

/**
 * Settles every suggestion in a plan's text as accepted, in one Yjs transaction: suggested
 * deletions go, suggested insertions stay without their mark. Meant for a copy (a version saved
 * with suggestions accepted), not for the live room.
 */
export const acceptAllSuggestions = (fragment: Y.XmlFragment): void => {
  const doc = fragment.doc
  const run = () => {
    for (const text of textsIn(fragment)) {
      const ops = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]
      // From the end, so the offsets of what comes before stay right.
      let end = ops.reduce(
        (sum, op) => sum + (typeof op.insert === 'string' ? op.insert.length : 1),
        0,
      )
      for (const op of ops.reverse()) {
        const length = typeof op.insert === 'string' ? op.insert.length : 1
        end -= length
        if (op.attributes?.[SuggestionMark.delete]) text.delete(end, length)
        else if (op.attributes?.[SuggestionMark.insert])
          text.format(end, length, { [SuggestionMark.insert]: null })
      }
    }
  }
  if (doc) doc.transact(run)
  else run()
}

/**
 * A plan's content as it stands, for copies that cannot show suggestions as such (Markdown,
 * plain text): suggested insertions left out, text suggested for deletion kept, unmarked.
 * Otherwise anyone who may suggest, a commenter too, would write into those copies.
 */
export const planAsItStands = (node: ProseMirrorNode): ProseMirrorNode => {
  const marks = node.marks?.filter((mark) => mark.type !== SuggestionMark.delete)
  const { marks: _marks, content, ...rest } = node
  return {
    ...rest,
    ...(marks && marks.length > 0 ? { marks } : {}),
    ...(content
      ? {
          content: content
            .filter((child) => !child.marks?.some((mark) => mark.type === SuggestionMark.insert))
            .map(planAsItStands),
        }
      : {}),
  }
}

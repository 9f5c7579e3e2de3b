import { Extension } from '@tiptap/core'
import type { Node } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { PassageAuthor, PlanAuthorship } from '../../../../shared/src/schema/authorship.js'

export const authorshipOverlayKey = new PluginKey<DecorationSet>('authorshipOverlay')

type Label = (author: PassageAuthor) => string

/** Shows who wrote what, each passage titled by `label` (or nothing, with `undefined`). */
export const showAuthorship = (
  tr: Transaction,
  shown: { authorship: PlanAuthorship; label: Label } | undefined,
) => tr.setMeta(authorshipOverlayKey, { shown })

/** Where each character of a top-level block is: text offset → document position. */
const textPositions = (block: Node, blockPos: number): number[] => {
  const positions: number[] = []
  block.descendants((node, pos) => {
    if (!node.isText) return true
    for (let index = 0; index < node.nodeSize; index++) positions.push(blockPos + 1 + pos + index)
    return false
  })
  return positions
}

/**
 * Decorations over each passage in its writer's group colour, titled with who wrote it. A clause
 * whose text has changed since the server read it is left plain rather than marked wrongly.
 */
const decorate = (doc: Node, authorship: PlanAuthorship, label: Label): DecorationSet => {
  const decorations: Decoration[] = []
  doc.forEach((block, offset, index) => {
    const clause = authorship.clauses[index]
    if (!clause || clause.text !== block.textContent) return
    const positions = textPositions(block, offset)
    let at = 0
    for (const run of clause.runs) {
      const author = authorship.authors[run.author]
      const from = positions[at]
      const last = positions[at + run.length - 1]
      at += run.length
      if (!author || from === undefined || last === undefined) continue
      decorations.push(
        Decoration.inline(from, last + 1, {
          class: `authored group-${author.group}`,
          'data-group': author.group,
          title: label(author),
        }),
      )
    }
  })
  return DecorationSet.create(doc, decorations)
}

/** The who-wrote-what overlay: off until given the server's authorship; it then follows edits. */
export const AuthorshipOverlay = Extension.create({
  name: 'authorshipOverlay',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: authorshipOverlayKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, value) {
            const meta = tr.getMeta(authorshipOverlayKey) as
              | { shown: { authorship: PlanAuthorship; label: Label } | undefined }
              | undefined
            if (meta) {
              const { shown } = meta
              return shown ? decorate(tr.doc, shown.authorship, shown.label) : DecorationSet.empty
            }
            return tr.docChanged ? value.map(tr.mapping, tr.doc) : value
          },
        },
        props: { decorations: (state) => authorshipOverlayKey.getState(state) },
      }),
    ]
  },
})

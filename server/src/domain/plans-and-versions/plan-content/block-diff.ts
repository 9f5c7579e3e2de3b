import type { BlockChange, WordChange } from '../../../../../shared/src/schema/version.js'
import { nodeText, type ProseMirrorNode } from '../../../../../shared/src/ydoc/prosemirror-json.js'
import type { CompareBudget } from './sequence-match.js'

/**
 * Words with the spaces that follow them (joining them gives the text back), so that a changed
 * phrase reads as one removal and one addition rather than word, space, word.
 */
const words = (text: string): string[] => text.match(/^\s+|\S+\s*/g) ?? []

export const diffWords = (before: string, after: string, budget: CompareBudget): WordChange[] => {
  const a = words(before)
  const b = words(after)
  const changes: WordChange[] = []
  for (const run of budget.match(a, b)) {
    const text = run.items.join('')
    const last = changes.at(-1)
    if (last && last.op === run.op) last.text += text
    else if (text) changes.push({ op: run.op, text })
  }
  return changes
}

/**
 * A structural diff by block: blocks kept, added and removed, and — where a removed and an added
 * block of the same kind stand in the same place — one changed block with its words marked.
 * Past the budget a block is reported as removed and added whole rather than word by word.
 */
export const diffBlocks = (
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  budget: CompareBudget,
): BlockChange[] => {
  const a = before.content ?? []
  const b = after.content ?? []
  const changes: BlockChange[] = []
  let removed: ProseMirrorNode[] = []
  let added: ProseMirrorNode[] = []
  const flush = () => {
    let r = 0
    let s = 0
    while (r < removed.length || s < added.length) {
      const old = removed[r]
      const next = added[s]
      if (old && next && old.type === next.type) {
        changes.push({
          op: 'changed',
          type: next.type,
          before: nodeText(old),
          after: nodeText(next),
          words: diffWords(nodeText(old), nodeText(next), budget),
        })
        r++
        s++
      } else if (old) {
        changes.push({ op: 'removed', type: old.type, before: nodeText(old) })
        r++
      } else if (next) {
        changes.push({ op: 'added', type: next.type, after: nodeText(next) })
        s++
      }
    }
    removed = []
    added = []
  }
  // Blocks match by their whole JSON, so a block with any change in it is not "same".
  const keysA = a.map((node) => JSON.stringify(node))
  const keysB = b.map((node) => JSON.stringify(node))
  const runs = budget.match(keysA, keysB)
  let i = 0
  let j = 0
  for (const run of runs) {
    for (const _ of run.items) {
      if (run.op === 'removed') removed.push(a[i++] as ProseMirrorNode)
      else if (run.op === 'added') added.push(b[j++] as ProseMirrorNode)
      else {
        flush()
        const kept = b[j] as ProseMirrorNode
        changes.push({ op: 'same', type: kept.type, before: nodeText(kept), after: nodeText(kept) })
        i++
        j++
      }
    }
  }
  flush()
  return changes
}

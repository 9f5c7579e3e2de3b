import type { BlockChange, WordChange } from '../../../../shared/src/schema/version.js'
import { nodeText, type ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'

/** Longest common subsequence of two sequences by key: the index pairs that match. */
export const matchSequences = <T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): [number, number][] => {
  const a = before.map(key)
  const b = after.map(key)
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  )
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[]
      const next = lengths[i + 1] as number[]
      row[j] =
        a[i] === b[j]
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number)
    }
  }
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if (
      ((lengths[i + 1] as number[])[j] as number) >= ((lengths[i] as number[])[j + 1] as number)
    )
      i++
    else j++
  }
  return pairs
}

/**
 * Words with the spaces that follow them (joining them gives the text back), so that a changed
 * phrase reads as one removal and one addition rather than word, space, word.
 */
const words = (text: string): string[] => text.match(/^\s+|\S+\s*/g) ?? []

export const diffWords = (before: string, after: string): WordChange[] => {
  const a = words(before)
  const b = words(after)
  const changes: WordChange[] = []
  const push = (op: WordChange['op'], text: string) => {
    const last = changes.at(-1)
    if (last && last.op === op) last.text += text
    else if (text) changes.push({ op, text })
  }
  let i = 0
  let j = 0
  for (const [mi, mj] of [...matchSequences(a, b, (word) => word), [a.length, b.length]] as [
    number,
    number,
  ][]) {
    while (i < mi) push('removed', a[i++] as string)
    while (j < mj) push('added', b[j++] as string)
    if (mi < a.length) push('same', a[mi] as string)
    i = mi + 1
    j = mj + 1
  }
  return changes
}

const blockKey = (node: ProseMirrorNode): string => JSON.stringify(node)

/**
 * A structural diff by block: blocks kept, added and removed, and — where a removed and an added
 * block of the same kind stand in the same place — one changed block with its words marked.
 */
export const diffBlocks = (before: ProseMirrorNode, after: ProseMirrorNode): BlockChange[] => {
  const a = before.content ?? []
  const b = after.content ?? []
  const changes: BlockChange[] = []
  let i = 0
  let j = 0
  const flush = (untilA: number, untilB: number) => {
    while (i < untilA || j < untilB) {
      const removed = i < untilA ? a[i] : undefined
      const added = j < untilB ? b[j] : undefined
      if (removed && added && removed.type === added.type) {
        changes.push({
          op: 'changed',
          type: added.type,
          before: nodeText(removed),
          after: nodeText(added),
          words: diffWords(nodeText(removed), nodeText(added)),
        })
        i++
        j++
      } else if (removed) {
        changes.push({ op: 'removed', type: removed.type, before: nodeText(removed) })
        i++
      } else if (added) {
        changes.push({ op: 'added', type: added.type, after: nodeText(added) })
        j++
      }
    }
  }
  for (const [mi, mj] of matchSequences(a, b, blockKey)) {
    flush(mi, mj)
    const kept = b[mj] as ProseMirrorNode
    changes.push({ op: 'same', type: kept.type, before: nodeText(kept), after: nodeText(kept) })
    i = mi + 1
    j = mj + 1
  }
  flush(a.length, b.length)
  return changes
}

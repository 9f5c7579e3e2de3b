import * as Y from 'yjs'
import {
  elementToNode,
  marksToAttributes,
  nodeToYjs,
  type ProseMirrorNode,
} from '../../../../../shared/src/ydoc/prosemirror-json.js'
import type { CompareBudget } from './sequence-match.js'

const blockOf = (item: Y.XmlElement | Y.XmlText | Y.XmlHook): ProseMirrorNode =>
  item instanceof Y.XmlElement ? elementToNode(item) : { type: '#other' }

const same = (a: ProseMirrorNode, b: ProseMirrorNode): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

const textOf = (node: ProseMirrorNode): string =>
  (node.content ?? []).map((child) => child.text ?? '').join('')

const onlyText = (node: ProseMirrorNode): boolean =>
  (node.content ?? []).every((child) => child.type === 'text')

/**
 * Edits a text block in place towards `target`: keeps the common beginning and end of its text
 * (so comments anchored there stay put), replaces the middle, then sets attributes and marks.
 * Answers false when the block cannot be brought to the target this way.
 */
const editTextBlock = (element: Y.XmlElement, target: ProseMirrorNode): boolean => {
  const current = elementToNode(element)
  if (current.type !== target.type || !onlyText(current) || !onlyText(target)) return false
  const children = element.toArray()
  if (children.length > 1 || (children[0] && !(children[0] instanceof Y.XmlText))) return false
  let text = children[0] as Y.XmlText | undefined
  if (!text) {
    text = new Y.XmlText()
    element.insert(0, [text])
  }
  for (const key of Object.keys(element.getAttributes())) {
    if (!(key in (target.attrs ?? {}))) element.removeAttribute(key)
  }
  for (const [key, value] of Object.entries(target.attrs ?? {})) {
    if (element.getAttribute(key) !== value) element.setAttribute(key, value as string)
  }
  const before = textOf(current)
  const after = textOf(target)
  let prefix = 0
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix])
    prefix++
  let suffix = 0
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++
  }
  text.delete(prefix, before.length - prefix - suffix)
  text.insert(prefix, after.slice(prefix, after.length - suffix))
  // Marks: every range gets exactly the target's formatting.
  const markTypes = new Set<string>()
  for (const node of [...(current.content ?? []), ...(target.content ?? [])]) {
    for (const mark of node.marks ?? []) markTypes.add(mark.type)
  }
  let offset = 0
  for (const node of target.content ?? []) {
    const length = node.text?.length ?? 0
    const wanted = marksToAttributes(node)
    const attributes = Object.fromEntries(
      [...markTypes].map((type) => [type, wanted[type] ?? null]),
    )
    if (length > 0 && markTypes.size > 0) text.format(offset, length, attributes)
    offset += length
  }
  return same(elementToNode(element), target)
}

interface Stretch {
  from: number
  to: number
  targetFrom: number
  targetTo: number
}

/** Where the blocks differ: unmatched stretches of the current blocks and the target's. */
const stretchesBetween = (current: string[], wanted: string[], budget: CompareBudget) => {
  // Past the budget a stretch is replaced whole: still exact, only fewer anchors survive.
  const runs = budget.match(current, wanted)
  const stretches: Stretch[] = []
  let open: Stretch | undefined
  let i = 0
  let j = 0
  for (const run of runs) {
    const count = run.items.length
    if (run.op === 'same') {
      open = undefined
      i += count
      j += count
      continue
    }
    if (!open) {
      open = { from: i, to: i, targetFrom: j, targetTo: j }
      stretches.push(open)
    }
    if (run.op === 'removed') open.to = i += count
    else open.targetTo = j += count
  }
  return stretches
}

/**
 * Makes `fragment` hold `target` with as few changes as it can: blocks that are the same stay
 * untouched, text blocks that changed are edited in place, the rest is removed or inserted.
 * Anchors (relative positions) in untouched text keep pointing where they did.
 */
export const restoreInto = (
  fragment: Y.XmlFragment,
  target: ProseMirrorNode,
  budget: CompareBudget,
): void => {
  const items = fragment.toArray()
  const wanted = target.content ?? []
  const stretches = stretchesBetween(
    items.map((item) => JSON.stringify(blockOf(item))),
    wanted.map((node) => JSON.stringify(node)),
    budget,
  )
  // Edited from the last stretch to the first, so that indexes of earlier stretches stay valid.
  for (const stretch of stretches.reverse()) {
    const removed = stretch.to - stretch.from
    const added = stretch.targetTo - stretch.targetFrom
    const paired = Math.min(removed, added)
    for (let k = paired - 1; k >= 0; k--) {
      const index = stretch.from + k
      const element = items[index]
      const node = wanted[stretch.targetFrom + k] as ProseMirrorNode
      if (element instanceof Y.XmlElement && editTextBlock(element, node)) continue
      fragment.delete(index, 1)
      fragment.insert(index, [nodeToYjs(node)])
    }
    if (removed > paired) fragment.delete(stretch.from + paired, removed - paired)
    if (added > paired) {
      const rest = wanted.slice(stretch.targetFrom + paired, stretch.targetTo).map(nodeToYjs)
      fragment.insert(stretch.from + paired, rest)
    }
  }
}

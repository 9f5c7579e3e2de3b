import * as Y from 'yjs'
import type { UpdateChanges } from './update-changes.js'

/** The plan's top-level element holding `type`, as its item; undefined if none holds it. */
const topNode = (
  type: Y.AbstractType<unknown>,
  plan: Y.AbstractType<unknown> | undefined,
): Y.Item | undefined => {
  let current = type
  while (current._item && current._item.parent !== plan) {
    current = current._item.parent as Y.AbstractType<unknown>
  }
  return current._item && current instanceof Y.XmlElement ? current._item : undefined
}

/**
 * The plan's top-level nodes (paragraphs, headings, lists) the update reaches into, each as its
 * item; undefined when it changes the plan's own list of nodes, or text placed right in it (then
 * the whole plan is compared). Only these can differ after it, so only these are compared.
 */
export const touchedNodes = (
  changes: UpdateChanges,
  plan: Y.AbstractType<unknown> | undefined,
): Set<Y.Item> | undefined => {
  const touched = new Set<Y.Item>()
  for (const { parent } of changes.insertions) {
    const top = 'existing' in parent && parent.existing !== plan && topNode(parent.existing, plan)
    if (!top) return undefined
    touched.add(top)
  }
  for (const { item } of changes.removals) {
    const parent = item.parent as Y.AbstractType<unknown>
    const top = parent !== plan && topNode(parent, plan)
    if (!top) return undefined
    touched.add(top)
  }
  return touched
}

/**
 * For an update that changes the plan's own list of nodes: the top-level nodes it reaches into
 * besides. Every other node of the plan is the same item before and after, with the same
 * content, so it needs no comparing. Undefined if a change sits where no top-level node holds it.
 */
export const reachedNodes = (
  changes: UpdateChanges,
  plan: Y.AbstractType<unknown> | undefined,
): Set<Y.Item> | undefined => {
  const reached = new Set<Y.Item>()
  for (const { parent } of changes.insertions) {
    // A type the update creates is placed by an insertion of its own, counted there.
    if (!('existing' in parent) || parent.existing === plan) continue
    const top = topNode(parent.existing, plan)
    if (!top) return undefined
    reached.add(top)
  }
  for (const { item } of changes.removals) {
    const parent = item.parent as Y.AbstractType<unknown>
    if (parent === plan) continue
    const top = topNode(parent, plan)
    if (!top) return undefined
    reached.add(top)
  }
  return reached
}

/** The same node in the room's copy, by its id. */
export const inCopy = (copy: Y.Doc, item: Y.Item): Y.XmlElement | undefined => {
  const found = Y.getItem(copy.store, item.id)
  const type = found instanceof Y.Item ? found.content : undefined
  return type instanceof Y.ContentType && type.type instanceof Y.XmlElement ? type.type : undefined
}

import * as Y from 'yjs'

/** One value an update writes, with the map key it is written under (null: an array entry). */
export interface Write {
  key: string | null
  values: unknown[]
  /** Whether it replaces a map entry that was already there (its key came from its neighbour). */
  overwrites: boolean
}

const covers = (item: Y.Item, id: Y.ID) =>
  item.id.client === id.client &&
  item.id.clock <= id.clock &&
  id.clock < item.id.clock + item.length

/** The struct holding `id` in the room's document; 'collected' when it was garbage-collected. */
const inDocument = (doc: Y.Doc, id: Y.ID): Y.Item | 'collected' | undefined => {
  try {
    const struct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item ? struct : 'collected'
  } catch {
    return undefined
  }
}

/**
 * The key an item is written under. An item that overwrites a map entry (or follows another in
 * an array) carries no key of its own on the wire, only its neighbour's id: the key is that
 * neighbour's, found in the same update or in the room's document. Null for an array entry, and
 * next to a collected neighbour (Yjs discards such an item). Undefined when the neighbour is
 * nowhere: the item could not be judged now, nor later when Yjs integrates it unchecked.
 */
const keyOf = (
  item: Y.Item,
  update: readonly Y.Item[],
  doc: Y.Doc,
  depth = 0,
): string | null | undefined => {
  if (item.parentSub !== null) return item.parentSub
  const neighbour = item.origin ?? item.rightOrigin
  if (!neighbour) return null
  const inUpdate = update.find((other) => other !== item && covers(other, neighbour))
  if (inUpdate) return depth < 1_000 ? keyOf(inUpdate, update, doc, depth + 1) : undefined
  const found = inDocument(doc, neighbour)
  if (found === 'collected') return null
  return found?.parentSub
}

/**
 * Every value an update would write, each with its key, decoded (V1, as applying it would) but
 * not applied, so a room can refuse it before it touches the document. Nested types and deleted
 * items write no value but still count as writes under their key. Undefined when the update holds
 * what no structured room carries (JSON, embeds, text, formats, subdocuments), or an item whose
 * place cannot be found: either could hide a value from a check.
 */
export const writesOf = (update: Uint8Array, doc: Y.Doc): Write[] | undefined => {
  const items = Y.decodeUpdate(update).structs.filter(
    (struct): struct is Y.Item => struct instanceof Y.Item,
  )
  const writes: Write[] = []
  for (const item of items) {
    const { content } = item
    const values =
      content instanceof Y.ContentAny
        ? content.arr
        : content instanceof Y.ContentBinary
          ? [content.content]
          : content instanceof Y.ContentType || content instanceof Y.ContentDeleted
            ? []
            : undefined
    const key = keyOf(item, items, doc)
    if (!values || key === undefined) return undefined
    writes.push({ key, values, overwrites: item.parentSub === null && key !== null })
  }
  return writes
}

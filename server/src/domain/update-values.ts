import * as Y from 'yjs'

/** One value an update writes, with the map key it is written under (null: an array entry). */
export interface Write {
  key: string | null
  values: unknown[]
  /** Whether it replaces a map entry that was already there (its key came from its neighbour). */
  overwrites: boolean
}

/** The struct holding `id` in the room's document; 'collected' when it was garbage-collected. */
const inDocument = (doc: Y.Doc, id: Y.ID): Y.Item | 'collected' | undefined => {
  try {
    const struct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item ? struct : 'collected'
  } catch {
    return undefined
  }
}

/** The update's items by client, in clock order (as decoded), to find one by id quickly. */
const byClient = (items: readonly Y.Item[]): Map<number, Y.Item[]> => {
  const index = new Map<number, Y.Item[]>()
  for (const item of items) {
    const list = index.get(item.id.client) ?? []
    list.push(item)
    index.set(item.id.client, list)
  }
  return index
}

const covering = (index: Map<number, Y.Item[]>, id: Y.ID): Y.Item | undefined => {
  const list = index.get(id.client) ?? []
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const item = list[middle] as Y.Item
    if (id.clock < item.id.clock) high = middle - 1
    else if (id.clock >= item.id.clock + item.length) low = middle + 1
    else return item
  }
  return undefined
}

/**
 * The keys items are written under. An item that overwrites a map entry (or follows another in
 * an array) carries no key of its own on the wire, only its neighbour's id: the key is that
 * neighbour's, found in the same update or in the room's document. Null for an array entry, and
 * next to a collected neighbour (Yjs discards such an item). Undefined when the neighbour is
 * nowhere (or the neighbours go round in a circle): the item could not be judged now, nor later
 * when Yjs integrates it unchecked. Each item is resolved once, so a long array costs one pass.
 */
const keysOf = (items: readonly Y.Item[], doc: Y.Doc) => {
  const index = byClient(items)
  const keys = new Map<Y.Item, string | null | undefined>()
  const keyOf = (item: Y.Item): string | null | undefined => {
    // Walk back to the first neighbour whose key is known, then fill in the ones passed.
    const path = new Set<Y.Item>()
    let current: Y.Item = item
    let key: string | null | undefined
    for (;;) {
      if (keys.has(current)) {
        key = keys.get(current)
        break
      }
      if (current.parentSub !== null) {
        key = current.parentSub
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      if (!neighbour) {
        key = null
        break
      }
      path.add(current)
      const next = covering(index, neighbour)
      if (next && !path.has(next)) {
        current = next
        continue
      }
      const found = next ? undefined : inDocument(doc, neighbour)
      key = found === 'collected' ? null : found?.parentSub
      break
    }
    for (const passed of path) keys.set(passed, key)
    keys.set(item, key)
    return key
  }
  return keyOf
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
  const keyOf = keysOf(items, doc)
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
    const key = keyOf(item)
    if (!values || key === undefined) return undefined
    writes.push({ key, values, overwrites: item.parentSub === null && key !== null })
  }
  return writes
}

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

const integrated = (doc: Y.Doc, id: Y.ID): Y.Item | undefined => {
  try {
    const struct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item ? struct : undefined
  } catch {
    return undefined
  }
}

/**
 * The key an item is written under. An item that overwrites a map entry (or follows another in
 * an array) carries no key of its own on the wire, only its neighbour's id: the key is that
 * neighbour's, found in the same update or in the room's document. Undefined when the neighbour
 * is in neither (Yjs keeps such an item pending; when it arrives, it is checked then).
 */
const keyOf = (item: Y.Item, update: readonly Y.Item[], doc: Y.Doc): string | null | undefined => {
  if (item.parentSub !== null) return item.parentSub
  const neighbour = item.origin ?? item.rightOrigin
  if (!neighbour) return null
  const inUpdate = update.find((other) => other !== item && covers(other, neighbour))
  if (inUpdate) return keyOf(inUpdate, update, doc)
  return integrated(doc, neighbour)?.parentSub
}

/**
 * Every plain value an update would write, each with its key, decoded (V1, as applying it would)
 * but not applied, so a room can refuse it before it touches the document. Undefined when the
 * update holds content no structured room carries (JSON, embeds, text, formats, subdocuments):
 * such content could hide values from a check.
 */
export const writesOf = (update: Uint8Array, doc: Y.Doc): Write[] | undefined => {
  const items = Y.decodeUpdate(update).structs.filter(
    (struct): struct is Y.Item => struct instanceof Y.Item,
  )
  const writes: Write[] = []
  for (const item of items) {
    const { content } = item
    if (content instanceof Y.ContentType || content instanceof Y.ContentDeleted) continue
    const values =
      content instanceof Y.ContentAny
        ? content.arr
        : content instanceof Y.ContentBinary
          ? [content.content]
          : undefined
    if (!values) return undefined
    const key = keyOf(item, items, doc) ?? null
    writes.push({ key, values, overwrites: item.parentSub === null && key !== null })
  }
  return writes
}

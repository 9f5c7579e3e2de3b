import * as Y from 'yjs'

/**
 * Where a new item goes: a type the document already has, a type the same update creates, or a
 * root type by name (the document may not have created it yet).
 */
export type Parent = { existing: Y.AbstractType<unknown> } | { created: Y.Item } | { root: string }

/** Something an update adds that the document does not hold yet. */
export interface Insertion {
  parent: Parent
  /** The map key it is written under; null for a list entry. */
  key: string | null
  /**
   * The plain values it writes (only the part the document does not hold). Undefined for
   * content no structured room carries (text, JSON, embeds, formats, subdocuments), which could
   * hide a value from a check.
   */
  values: unknown[] | undefined
  /** It creates a nested type (a Y.Map or Y.Array); what goes in it comes as its own insertions. */
  createsType: boolean
}

/** A live item of the document the update would remove, whole or in part. */
export interface Removal {
  item: Y.Item
  /** The removed part of the item's content: from `offset`, `length` entries. */
  offset: number
  length: number
}

/** What an update changes in a document: nothing it already holds counts. */
export interface UpdateChanges {
  insertions: Insertion[]
  removals: Removal[]
}

/** The struct holding `id` in the document; 'collected' when it was garbage-collected. */
const inDocument = (doc: Y.Doc, id: Y.ID): Y.Item | 'collected' | undefined => {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined
  const struct = Y.getItem(doc.store, id)
  return struct instanceof Y.Item ? struct : 'collected'
}

/** The update's new items by client, in clock order (as decoded), to find one by id quickly. */
class NewItems {
  readonly #byClient = new Map<number, Y.Item[]>()

  constructor(items: readonly Y.Item[]) {
    for (const item of items) {
      const list = this.#byClient.get(item.id.client) ?? []
      list.push(item)
      this.#byClient.set(item.id.client, list)
    }
  }

  covering(id: Y.ID): Y.Item | undefined {
    const list = this.#byClient.get(id.client) ?? []
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

  /** Whether the clocks [from, to) of `client` are all new items of the update. */
  cover(client: number, from: number, to: number): boolean {
    let clock = from
    while (clock < to) {
      const item = this.covering(Y.createID(client, clock))
      if (!item) return false
      clock = item.id.clock + item.length
    }
    return true
  }
}

type Place = { parent: Parent; key: string | null } | 'collected' | undefined

/**
 * Where items go. An item next to another carries no parent or key of its own on the wire, only
 * its neighbour's id: its place is that neighbour's, found in the same update or in the
 * document. 'collected' next to a garbage-collected neighbour (Yjs discards such an item);
 * undefined when the place is nowhere (or the neighbours go round in a circle): the item could
 * not be judged now, nor later when Yjs integrates it unchecked. Each item is resolved once and
 * iteratively, so a long list costs one pass and no deep stack.
 */
const placesOf = (fresh: NewItems, doc: Y.Doc) => {
  const places = new Map<Y.Item, Place>()
  const ownPlace = (item: Y.Item): Place => {
    const { parent } = item
    if (typeof parent === 'string') {
      const root = doc.share.get(parent)
      const named = root ? { existing: root as Y.AbstractType<unknown> } : { root: parent }
      return { parent: named, key: item.parentSub }
    }
    if (parent instanceof Y.ID) {
      const created = fresh.covering(parent)
      if (created) {
        return created.content instanceof Y.ContentType
          ? { parent: { created }, key: item.parentSub }
          : undefined
      }
      const found = inDocument(doc, parent)
      if (found === 'collected') return 'collected'
      return found?.content instanceof Y.ContentType
        ? { parent: { existing: found.content.type }, key: item.parentSub }
        : undefined
    }
    return undefined
  }
  return (item: Y.Item): Place => {
    const path = new Set<Y.Item>()
    let current = item
    let place: Place
    for (;;) {
      if (places.has(current)) {
        place = places.get(current)
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      if (current.parent !== null || !neighbour) {
        place = ownPlace(current)
        break
      }
      path.add(current)
      const next = fresh.covering(neighbour)
      if (next) {
        if (path.has(next)) break
        current = next
        continue
      }
      const found = inDocument(doc, neighbour)
      place =
        found instanceof Y.Item
          ? {
              parent: { existing: found.parent as Y.AbstractType<unknown> },
              key: found.parentSub,
            }
          : found
      break
    }
    for (const passed of path) places.set(passed, place)
    places.set(item, place)
    return place
  }
}

const valuesOf = (content: Y.Item['content'], offset: number): unknown[] | undefined => {
  if (content instanceof Y.ContentAny) return content.arr.slice(offset)
  if (content instanceof Y.ContentBinary) return [content.content]
  if (content instanceof Y.ContentType || content instanceof Y.ContentDeleted) return []
  return undefined
}

/** The live entry of `type` under `key`, if any. */
export const liveEntry = (type: Y.AbstractType<unknown>, key: string): Y.Item | undefined => {
  const item = type._map.get(key)
  return item && !item.deleted ? item : undefined
}

/** Every live item directly inside a type: its map entries and its list. */
const liveChildren = (type: Y.AbstractType<unknown>): Y.Item[] => {
  const children = [...type._map.values()].filter((item) => !item.deleted)
  for (let item = type._start; item; item = item.right) if (!item.deleted) children.push(item)
  return children
}

/** The live items of the document in the clocks [from, to) of `client`, cut to that range. */
const liveIn = (doc: Y.Doc, client: number, from: number, to: number): Removal[] => {
  const structs = doc.store.clients.get(client)
  if (!structs || from >= to) return []
  const removals: Removal[] = []
  for (let index = Y.findIndexSS(structs, from); index < structs.length; index++) {
    const struct = structs[index] as Y.Item | Y.GC
    if (struct.id.clock >= to) break
    if (!(struct instanceof Y.Item) || struct.deleted) continue
    const offset = Math.max(from - struct.id.clock, 0)
    const end = Math.min(to - struct.id.clock, struct.length)
    removals.push({ item: struct, offset, length: end - offset })
  }
  return removals
}

/**
 * What an update would newly insert, delete and overwrite in `doc`, decoded (V1, as applying it
 * would) but not applied, so a room can judge it before it touches the document. Items and
 * deletions the document already holds are left out: a device re-sending what it got from
 * others changes nothing. A removal of a nested type brings every live item inside it, as Yjs
 * deletes them with it. Undefined when some change cannot be placed: an item whose neighbour or
 * parent is nowhere, or a deletion of something neither the document nor the update holds
 * (Yjs would keep it pending and apply it to whatever later arrives under those ids).
 */
export const changesOf = (update: Uint8Array, doc: Y.Doc): UpdateChanges | undefined => {
  const decoded = Y.decodeUpdate(update)
  const fresh: Y.Item[] = []
  const offsets = new Map<Y.Item, number>()
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const offset = Y.getState(doc.store, struct.id.client) - struct.id.clock
    if (offset >= struct.length) continue
    fresh.push(struct)
    offsets.set(struct, Math.max(offset, 0))
  }
  const newItems = new NewItems(fresh)
  const placeOf = placesOf(newItems, doc)
  const insertions: Insertion[] = []
  const removals: Removal[] = []
  for (const item of fresh) {
    const place = placeOf(item)
    if (place === undefined) return undefined
    if (place === 'collected') continue
    const { parent, key } = place
    insertions.push({
      parent,
      key,
      values: valuesOf(item.content, offsets.get(item) ?? 0),
      createsType: item.content instanceof Y.ContentType,
    })
    // Writing a key replaces its live entry, with or without a deletion on the wire.
    const current = key !== null && 'existing' in parent && liveEntry(parent.existing, key)
    if (current) removals.push({ item: current, offset: 0, length: current.length })
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const held = Y.getState(doc.store, client)
    for (const { clock, len } of ranges) {
      const end = clock + len
      if (end > held && !newItems.cover(client, Math.max(clock, held), end)) return undefined
      removals.push(...liveIn(doc, client, clock, Math.min(end, held)))
    }
  }
  const expanded = new Set<Y.Item>()
  for (let index = 0; index < removals.length; index++) {
    const { item } = removals[index] as Removal
    const { content } = item
    if (!(content instanceof Y.ContentType) || expanded.has(item)) continue
    expanded.add(item)
    for (const child of liveChildren(content.type)) {
      removals.push({ item: child, offset: 0, length: child.length })
    }
  }
  return { insertions, removals }
}

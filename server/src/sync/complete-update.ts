import type * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

type Struct = Y.Item | Y.GC | Y.Skip
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

/**
 * Yjs's V1 update decoder, watched: it records the client of each struct section it reads (Yjs
 * keeps only the last section of a client that appears twice), and leaves itself where the
 * caller can see where it stopped. One class for every call (a class made per call would leave
 * Yjs's decoding code megamorphic), and a slot rather than a WeakMap (which cost more than the
 * decoding): the slot is filled and emptied within one synchronous call.
 */
class WatchedDecoder extends Y.UpdateDecoderV1 {
  static #last: WatchedDecoder | undefined
  readonly sections: number[] = []

  constructor(decoder: decoding.Decoder) {
    super(decoder)
    WatchedDecoder.#last = this
  }

  /**
   * An update decoded as `Y.applyUpdate` reads it: `decodeUpdateV2` with the V1 decoder class is
   * exactly `Y.decodeUpdate`, which hides its decoder.
   */
  static decode(update: Uint8Array) {
    WatchedDecoder.#last = undefined
    const { structs, ds } = Y.decodeUpdateV2(update, WatchedDecoder)
    const reader = WatchedDecoder.#last as WatchedDecoder | undefined
    WatchedDecoder.#last = undefined
    const rest = reader?.restDecoder
    return {
      structs,
      ds,
      sections: reader?.sections ?? [],
      unread: rest ? rest.arr.length - rest.pos : 0,
    }
  }

  // V1 reads a client id this way only at the head of a struct section.
  override readClient(): number {
    const client = super.readClient()
    this.sections.push(client)
    return client
  }
}

/** The ids an item needs before Yjs can integrate it. */
const needs = (struct: Struct): Y.ID[] => {
  if (!(struct instanceof Y.Item)) return []
  const ids: Y.ID[] = []
  if (struct.origin) ids.push(struct.origin)
  if (struct.rightOrigin) ids.push(struct.rightOrigin)
  if (struct.parent instanceof Y.ID) ids.push(struct.parent)
  return ids
}

/**
 * Replays Yjs's integration order without touching the document: each client's structs in
 * clock order, each after the ids it needs, which must be in the document already or come from
 * the update (found by a depth-first walk with at most one frame per client, so a circle is
 * seen, not followed). Answers each client's clock after the update, or why some struct would
 * stay pending: a gap before it, an id nobody has, or a circle.
 */
const integrate = (
  byClient: ReadonlyMap<number, readonly Struct[]>,
  doc: Y.Doc,
): ((client: number) => number) | string => {
  const clocks = new Map<number, number>()
  const clockOf = (client: number) => clocks.get(client) ?? Y.getState(doc.store, client)
  const next = new Map<number, number>()
  for (const start of byClient.keys()) {
    const stack: { client: number; until: number }[] = [{ client: start, until: Infinity }]
    const walking = new Set([start])
    while (stack.length > 0) {
      const { client, until } = stack[stack.length - 1] as { client: number; until: number }
      const structs = byClient.get(client) ?? []
      const index = next.get(client) ?? 0
      const clock = clockOf(client)
      if (clock > until || index === structs.length) {
        if (clock <= until && until !== Infinity)
          return `needs ${client}:${until}, which is nowhere`
        stack.pop()
        walking.delete(client)
        continue
      }
      const struct = structs[index] as Struct
      if (!(struct instanceof Y.Skip)) {
        if (struct.id.clock > clock) return `starts at ${client}:${struct.id.clock}, after a gap`
        const missing = needs(struct).find((id) => id.clock >= clockOf(id.client))
        if (missing) {
          if (walking.has(missing.client))
            return `needs ${missing.client}:${missing.clock} in a circle`
          stack.push({ client: missing.client, until: missing.clock })
          walking.add(missing.client)
          continue
        }
        clocks.set(client, Math.max(clock, struct.id.clock + struct.length))
      }
      next.set(client, index + 1)
    }
  }
  return clockOf
}

/** The struct the document holds at `id`, if it holds that clock. */
const held = (doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined =>
  id.clock < Y.getState(doc.store, id.client) ? Y.getItem(doc.store, id) : undefined

/**
 * The list a struct goes into, as Yjs works it out from what the struct carries: its origin's
 * list, else its right origin's, else the parent it names. 'dropped' when a neighbour was
 * garbage-collected (Yjs discards the struct); undefined when a neighbour is not in the document.
 */
const carriedList = (
  item: Y.Item,
  doc: Y.Doc,
): { parent: unknown; key: string | null } | 'dropped' | undefined => {
  const left = item.origin ? held(doc, item.origin) : null
  const right = item.rightOrigin ? held(doc, item.rightOrigin) : null
  if (left === undefined || right === undefined) return undefined
  if (left instanceof Y.GC || right instanceof Y.GC) return 'dropped'
  const neighbour = left ?? right
  if (neighbour) return { parent: neighbour.parent, key: neighbour.parentSub }
  if (typeof item.parent === 'string')
    return { parent: doc.share.get(item.parent), key: item.parentSub }
  if (!(item.parent instanceof Y.ID)) return undefined
  const parent = held(doc, item.parent)
  if (parent instanceof Y.GC) return 'dropped'
  return parent?.content instanceof Y.ContentType
    ? { parent: parent.content.type, key: item.parentSub }
    : undefined
}

/**
 * Whether a struct that starts before what the document holds of its client (part of it is
 * known) would go into a list other than the one it continues. Yjs links the new part right
 * after the document's struct before it, yet takes the parent from what the struct carries: an
 * honest struct continues that very struct, in its list; a crafted one naming another place
 * would put text inside one paragraph while counted in another list (a document no editor
 * reads, and which no judge saw), or fail midway next to a garbage-collected struct.
 */
const continuesElsewhere = (struct: Struct, doc: Y.Doc): boolean => {
  if (!(struct instanceof Y.Item)) return false
  const known = Y.getState(doc.store, struct.id.client)
  if (struct.id.clock >= known || struct.id.clock + struct.length <= known) return false
  const carried = carriedList(struct, doc)
  if (carried === 'dropped') return false
  const before = held(doc, Y.createID(struct.id.client, known - 1))
  return (
    !(before instanceof Y.Item) ||
    carried === undefined ||
    carried.parent !== before.parent ||
    carried.key !== before.parentSub
  )
}

/** Whether some of a client's structs reach past what the document holds of that client. */
const writesNew = (structs: readonly Struct[], doc: Y.Doc, client: number): boolean => {
  const known = Y.getState(doc.store, client)
  return structs.some(
    (struct) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > known,
  )
}

const unknownDeletes = (ds: DeleteSet, clockOf: (client: number) => number): string | undefined => {
  for (const [client, deletes] of ds.clients) {
    const known = clockOf(client)
    for (const { clock, len } of deletes) {
      if (clock >= known || clock + len > known) return `deletes ${client}:${clock} unknown`
    }
  }
  return undefined
}

/**
 * Why `update` would not integrate whole into `doc`, or undefined when it would. Yjs keeps what
 * it cannot integrate yet (an item after a gap in its client's clock, a delete of an unknown
 * item) as pending and serves it to everyone, and ignores bytes after an update's end; an honest
 * client never sends either, since it only sends what it holds whole. Costs one decode of the
 * update and a walk over its structs, never an encoding of the document. Throws if it does not
 * decode. `mayWriteAs` says whose Yjs client ids the sender may write structs under.
 */
export const whyIncomplete = (
  update: Uint8Array,
  doc: Y.Doc,
  mayWriteAs: (client: number) => boolean = () => true,
): string | undefined => {
  const { structs, ds, sections, unread } = WatchedDecoder.decode(update)
  if (unread > 0) return `${unread} bytes after the end of the update`
  if (sections.length > 1 && new Set(sections).size !== sections.length) {
    return 'a client appears twice'
  }
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  // Only structs new to the server are judged: re-sending what others wrote (a stored browser
  // copy loading into a connected editor, say) takes nobody's clocks.
  const foreign = sections.find(
    (client) => writesNew(byClient.get(client) ?? [], doc, client) && !mayWriteAs(client),
  )
  if (foreign !== undefined) return `writes as client ${foreign}, another participant's`
  const astray = structs.find((struct) => continuesElsewhere(struct, doc))
  if (astray) return `continues ${astray.id.client}:${astray.id.clock} in another place`
  const integrated = integrate(byClient, doc)
  if (typeof integrated === 'string') return integrated
  return unknownDeletes(ds, integrated)
}

/** What a document held but could not integrate, now dropped: by client, the first clock it lacks. */
export interface DroppedPending {
  missing: Record<string, number>
  deletes: boolean
}

/**
 * Drops the pending structs and deletes of `doc` (Yjs would otherwise serve them to every
 * client, and store them at the next compaction); undefined when there were none.
 */
export const dropPending = (doc: Y.Doc): DroppedPending | undefined => {
  const { pendingStructs, pendingDs } = doc.store
  if (!pendingStructs && !pendingDs) return undefined
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return {
    missing: Object.fromEntries(pendingStructs?.missing ?? []),
    deletes: pendingDs !== null,
  }
}

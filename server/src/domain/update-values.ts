import * as Y from 'yjs'

/**
 * The plain values an update would write, each with the map key it is written under (null for
 * array entries). The update is decoded (V1, as applying it would) but not applied, so a room can
 * refuse it before it touches the document.
 */
export function* writtenValues(
  update: Uint8Array,
): Generator<{ key: string | null; values: unknown[] }> {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
    yield { key: struct.parentSub, values: struct.content.arr }
  }
}

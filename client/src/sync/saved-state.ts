import * as Y from 'yjs'

/**
 * Whether the server's stored state covers everything this document holds: for every client in
 * the local state vector, the server's clock is at least the local one.
 */
export const coveredBy = (local: Map<number, number>, server: Map<number, number>): boolean => {
  for (const [client, clock] of local) {
    if ((server.get(client) ?? 0) < clock) return false
  }
  return true
}

export const stateVectorOf = (doc: Y.Doc): Map<number, number> =>
  Y.decodeStateVector(Y.encodeStateVector(doc))

import * as encoding from 'lib0/encoding'
import { MessageType } from '../../shared/src/protocol/message-type.js'

/**
 * Yjs updates (V1) and awareness frames written byte by byte with lib0, as an attacker would:
 * shapes Yjs itself never emits.
 */

/** A struct section: `texts` inserted one after another at the head of the root text `root`. */
export interface Section {
  client: number
  clock: number
  texts: string[]
  root?: string
}

/** Yjs's info byte for a string item with neither origin nor right origin (parent by key). */
const stringItem = 4

const writeSection = (encoder: encoding.Encoder, section: Section): void => {
  encoding.writeVarUint(encoder, section.texts.length)
  encoding.writeVarUint(encoder, section.client)
  encoding.writeVarUint(encoder, section.clock)
  for (const text of section.texts) {
    encoding.writeUint8(encoder, stringItem)
    encoding.writeVarUint(encoder, 1) // the parent is a root type, named next
    encoding.writeVarString(encoder, section.root ?? 'plan')
    encoding.writeVarString(encoder, text)
  }
}

/** An update of struct sections and a delete set (client → [clock, length] ranges). */
export const craftUpdate = (
  sections: readonly Section[],
  deletes: ReadonlyMap<number, readonly [number, number][]> = new Map(),
): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, sections.length)
  for (const section of sections) writeSection(encoder, section)
  encoding.writeVarUint(encoder, deletes.size)
  for (const [client, ranges] of deletes) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, length)
    }
  }
  return encoding.toUint8Array(encoder)
}

/** Bytes after the end of an otherwise valid update. */
export const withJunk = (update: Uint8Array, junk: readonly number[]): Uint8Array =>
  new Uint8Array([...update, ...junk])

/** An awareness frame carrying one state (null removes it) for `clientId`. */
export const awarenessFrame = (clientId: number, clock: number, state: unknown): Uint8Array => {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, MessageType.awareness)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

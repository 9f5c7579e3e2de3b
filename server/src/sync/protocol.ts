import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { decodeUtf8 } from 'lib0/string'
import { messagePermissionDenied } from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/message-type.js'

/**
 * The y-websocket wire protocol as plain functions: bytes in, a typed message out; values in,
 * bytes out. Decoding is done here with lib0 rather than through y-protocols' `readSyncMessage`,
 * which applies updates itself and swallows decode errors.
 */

export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncUpdate'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' }
  | { type: 'savedSubscribe' }

/** A frame that is not a well-formed protocol message. */
export class MalformedMessage extends Error {
  override name = 'MalformedMessage'
}

/** A well-formed update that breaks the room's own rules: refused whole, never applied. */
export class RefusedUpdate extends Error {
  override name = 'RefusedUpdate'
}

/** A state vector is a count, then that many (client, clock) pairs, and nothing after them. */
const checkedStateVector = (bytes: Uint8Array): Uint8Array => {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  // Each pair takes at least two bytes, so a larger count is a lie about the frame.
  if (count > bytes.byteLength) throw new MalformedMessage('state vector count exceeds frame')
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('bytes after the state vector')
  return bytes
}

const readClientMessage = (decoder: decoding.Decoder): ClientMessage => {
  const messageType = decoding.readVarUint(decoder)
  switch (messageType) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === SyncMessageType.step1) {
        return { type: 'syncStep1', stateVector: checkedStateVector(payload) }
      }
      if (syncType === SyncMessageType.step2 || syncType === SyncMessageType.update) {
        return { type: 'syncUpdate', update: payload }
      }
      throw new MalformedMessage(`unknown sync message type ${syncType}`)
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MessageType.queryAwareness:
      return { type: 'queryAwareness' }
    case MessageType.auth:
      // y-protocols/auth's shape: a kind, then (for a refusal) its reason; the server reads neither.
      if (decoding.readVarUint(decoder) === messagePermissionDenied) decoding.readVarString(decoder)
      return { type: 'auth' }
    case MessageType.saved:
      return { type: 'savedSubscribe' }
    default:
      throw new MalformedMessage(`unknown message type ${messageType}`)
  }
}

/** Decodes one frame, which must hold exactly one message: bytes after it are refused too. */
export const decodeClientMessage = (frame: Uint8Array): ClientMessage => {
  try {
    const decoder = decoding.createDecoder(frame)
    const message = readClientMessage(decoder)
    if (decoding.hasContent(decoder))
      throw new MalformedMessage('bytes after the end of the message')
    return message
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : 'undecodable frame')
  }
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Sync step 2: what `doc` has that the holder of `stateVector` lacks. Throws on a bad vector. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Tells a client that asked: everything up to `stateVector` is stored. */
export const encodeSaved = (stateVector: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.saved)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

export const encodeAwarenessMessage = (
  awareness: awarenessProtocol.Awareness,
  clients: readonly number[],
): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, clients as number[]),
  )
  return encoding.toUint8Array(encoder)
}

/** One entry of an awareness update, decoded but not applied. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state's JSON text; `'null'` removes the client's state. */
  stateJson: string
  /** Its size in UTF-8 bytes as sent (the limit is in bytes; a character may take up to four). */
  stateBytes: number
}

/** Decodes an awareness update (y-protocols' format) so it can be checked before it is applied. */
export const decodeAwarenessUpdate = (update: Uint8Array): AwarenessEntry[] => {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    // Each entry takes at least three bytes, so a larger count is a lie about the frame.
    if (count > update.byteLength) throw new MalformedMessage('awareness count exceeds frame')
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarUint8Array(decoder)
      entries.push({ clientId, clock, stateJson: decodeUtf8(state), stateBytes: state.byteLength })
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('bytes after the awareness update')
    return entries
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : 'undecodable awareness')
  }
}

/**
 * Whether an update (V1) holds no structs and no deletions (zero clients, an empty delete set):
 * what every client with an empty document answers the server's sync step 1. Applying it would
 * change nothing, yet cost a transaction and its observers on every socket that joins.
 */
export const isEmptyUpdate = (update: Uint8Array): boolean =>
  update.byteLength === 2 && update[0] === 0 && update[1] === 0

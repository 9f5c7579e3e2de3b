import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * The two wire formats the light client speaks. `y-websocket` is the standard protocol
 * (one room per socket, room in the URL). Hocuspocus wraps the same sync messages: every
 * frame starts with the document name, and a document must be authenticated first.
 */
export type Protocol = 'y-websocket' | 'hocuspocus'

// Outer message types shared by both protocols (Hocuspocus adds the ones after 3).
const MESSAGE_SYNC = 0
const MESSAGE_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
// Sync sub-messages from y-protocols/sync.
const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2
// Hocuspocus auth sub-messages.
const AUTH_TOKEN = 0
const AUTH_PERMISSION_DENIED = 1

export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'denied'; reason: string }
  | { kind: 'other' }

export class Wire {
  constructor(
    readonly protocol: Protocol,
    /** Only Hocuspocus frames carry it. */
    readonly documentName: string,
  ) {}

  private start(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder()
    if (this.protocol === 'hocuspocus') encoding.writeVarString(encoder, this.documentName)
    encoding.writeVarUint(encoder, type)
    return encoder
  }

  private sync(step: number, payload: Uint8Array): Uint8Array {
    const encoder = this.start(MESSAGE_SYNC)
    encoding.writeVarUint(encoder, step)
    encoding.writeVarUint8Array(encoder, payload)
    return encoding.toUint8Array(encoder)
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return this.sync(SYNC_STEP1, stateVector)
  }

  syncStep2(update: Uint8Array): Uint8Array {
    return this.sync(SYNC_STEP2, update)
  }

  update(update: Uint8Array): Uint8Array {
    return this.sync(SYNC_UPDATE, update)
  }

  /** Hocuspocus only: the token message that must precede everything else. */
  auth(token: string): Uint8Array {
    const encoder = this.start(MESSAGE_AUTH)
    encoding.writeVarUint(encoder, AUTH_TOKEN)
    encoding.writeVarString(encoder, token)
    return encoding.toUint8Array(encoder)
  }

  parse(frame: Uint8Array): Incoming {
    const decoder = decoding.createDecoder(frame)
    if (this.protocol === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (
      type === MESSAGE_SYNC ||
      (this.protocol === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)
    ) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === SYNC_STEP1) return { kind: 'step1', stateVector: payload }
      if (step === SYNC_STEP2) return { kind: 'step2', update: payload }
      if (step === SYNC_UPDATE) return { kind: 'update', update: payload }
      return { kind: 'other' }
    }
    if (type === MESSAGE_AUTH) {
      // y-websocket's auth message is [2, 0 (denied), reason]; Hocuspocus uses 1 for denied.
      const sub = decoding.readVarUint(decoder)
      const denied = this.protocol === 'hocuspocus' ? sub === AUTH_PERMISSION_DENIED : sub === 0
      if (denied) return { kind: 'denied', reason: decoding.readVarString(decoder) }
    }
    return { kind: 'other' }
  }
}

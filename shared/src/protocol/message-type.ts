/**
 * Top-level message types of the y-websocket wire protocol: the first varUint of every binary
 * frame. The numbers are fixed by y-websocket, so the official client works unchanged.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Mufakat's own, opt-in: a client sends `[saved]` once to ask for acknowledgements; from then
   * on, after every commit of its room, the server sends `[saved, stateVector]`: everything up to
   * that state vector is on disk. The official client never asks, so it never receives one.
   */
  saved: 100,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Second varUint of a `sync` message, as defined by y-protocols/sync. */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

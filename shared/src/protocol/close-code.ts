/**
 * WebSocket close codes the server uses, shared so the client can explain them.
 * The official y-websocket client never reconnects after 4400–4499 (a deliberate refusal) and
 * retries everything else, so "come back later" conditions use 45xx.
 */
export const CloseCode = {
  /** Server shutting down; clients reconnect to the restarted server. */
  goingAway: 1001,
  /** A frame that does not decode as the protocol, or breaks a limit of its content. */
  malformed: 1008,
  /** A frame over the size limit, or an update that would grow the document past its limit. */
  tooBig: 1009,
  /** The room could not be loaded, or storing an update failed: nothing was relayed. */
  storageFailed: 1011,
  /** Missing or invalid token. */
  unauthorized: 4401,
  /** Valid identity, but this room is not theirs to open. */
  forbidden: 4403,
  /** No such room. */
  roomNotFound: 4404,
  /**
   * An update that breaks the room's rules (a comment in someone else's name): nothing of it was
   * applied, and sending it again cannot help — the client must drop its copy of it.
   */
  updateRefused: 4422,
  /** The participant's role changed: reconnect to get the new permission. */
  permissionsChanged: 4500,
  /** Its address holds too many sockets already. */
  tryAgainLater: 4503,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

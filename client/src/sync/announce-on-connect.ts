import type { WebsocketProvider } from 'y-websocket'

/**
 * Announces this person's state again, under a newer clock, each time the socket (re)opens. A
 * server that let this person's presence go with their socket keeps the clock it last saw, and
 * ignores the same state sent again at that clock, which is what y-websocket does on reconnect.
 * The session page announces itself this way too, so every node of a cluster sees it open. y-prosemirror's republish after a remote edit used to bump it by accident, and
 * `skipUnchangedFields` now stops that, so without this an idle caret stayed hidden until the
 * periodic renewal.
 */
export const announceOnConnect = (provider: WebsocketProvider): void => {
  provider.on('status', ({ status }) => {
    const state = provider.awareness.getLocalState()
    if (status === 'connected' && state !== null) provider.awareness.setLocalState(state)
  })
}

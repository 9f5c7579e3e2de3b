import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/message-type.js'
import type { TestServer } from './server.js'
import { waitFor } from './wait.js'

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Close events the provider saw, most recent last. */
  closes: { code: number; reason: string }[]
  destroy(): void
}

const clients = new Set<Client>()

/** An official y-websocket client (the one browsers use), on `ws` since Node 20 has none. */
export const connectClient = (
  server: Pick<TestServer, 'syncUrl'>,
  room: string,
  options: { doc?: Y.Doc; connect?: boolean; params?: Record<string, string> } = {},
): Client => {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(server.syncUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    params: options.params ?? {},
    maxBackoffTime: 200,
    disableBc: true,
  })
  const closes: Client['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  const client: Client = {
    doc,
    provider,
    closes,
    destroy: () => {
      clients.delete(client)
      provider.destroy()
      doc.destroy()
    },
  }
  clients.add(client)
  return client
}

export const destroyClients = (): void => {
  for (const client of [...clients]) client.destroy()
}

export const waitForSynced = (client: Client, timeoutMs = 10_000): Promise<void> =>
  waitFor(() => client.provider.synced, 'the client to sync', timeoutMs)

/**
 * A fresh client that connects, syncs and returns the named shared types as JSON (Yjs only
 * knows a root type's kind once it is asked for, so texts and arrays are named here).
 */
export const readRoom = async (
  server: Pick<TestServer, 'syncUrl'>,
  room: string,
  types: { texts?: string[]; arrays?: string[]; maps?: string[] },
  token?: string,
): Promise<Record<string, unknown>> => {
  const client = connectClient(server, room, token ? { params: { token } } : {})
  try {
    await waitForSynced(client)
    const doc = client.doc
    return Object.fromEntries([
      ...(types.texts ?? []).map((name) => [name, doc.getText(name).toJSON()]),
      ...(types.arrays ?? []).map((name) => [name, doc.getArray(name).toJSON()]),
      ...(types.maps ?? []).map((name) => [name, doc.getMap(name).toJSON()]),
    ])
  } finally {
    client.destroy()
  }
}

/** A bare socket for sending frames the official client never would. */
export interface RawSocket {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(frame: Uint8Array | string): void
}

export const connectRaw = async (
  server: Pick<TestServer, 'syncUrl'>,
  room: string,
): Promise<RawSocket> => {
  const ws = new WebSocket(`${server.syncUrl}/${room}`)
  ws.binaryType = 'nodebuffer'
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed, send: (frame) => ws.send(frame) }
}

export const syncUpdateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncMessageType.update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export const syncStep1Frame = (doc: Y.Doc): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncMessageType.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/** The Yjs updates (sync step 2 or update) among the frames a raw socket received. */
export const receivedUpdates = (frames: readonly Uint8Array[]): Uint8Array[] =>
  frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MessageType.sync) return []
    const syncType = decoding.readVarUint(decoder)
    if (syncType === SyncMessageType.step1) return []
    return [decoding.readVarUint8Array(decoder)]
  })

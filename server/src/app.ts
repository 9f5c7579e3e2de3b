import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { Permission } from '../../shared/src/protocol/permission.js'
import type { Config } from './config.js'
import { createHttpApp } from './http/http-app.js'
import type { Logger } from './observability/logger.js'
import { createMetrics } from './observability/metrics.js'
import { openDatabase } from './store/database.js'
import { RoomLog } from './store/room-log.js'
import type { Authorize, RoomStorage } from './sync/ports.js'
import { SyncCore } from './sync/sync-core.js'
import { attachWebSocketTransport } from './transport/websocket.js'

export interface RunningApp {
  server: Server
  port: number
  /** Stops accepting, closes sockets with 1001, commits what is pending, closes the database. */
  close(): Promise<void>
}

/**
 * Until identity arrives, every well-formed room is open for writing. This is the one place
 * that decides access to a room.
 */
const authorizeEveryone: Authorize = async () => Permission.write

/** The composition root: the only place that wires store, sync, transport and HTTP together. */
export const startApp = async (
  config: Config,
  logger: Logger,
  seams: { authorize?: Authorize } = {},
): Promise<RunningApp> => {
  const db = openDatabase({
    dataDir: config.DATA_DIR,
    durability: config.DURABILITY,
    busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
  })
  const roomLog = new RoomLog(db)
  const storage: RoomStorage = {
    load: async (room) => roomLog.load(room),
    append: (batch) => roomLog.append(batch),
    compact: (room) => roomLog.compact(room),
  }
  const metrics = createMetrics()
  const core = new SyncCore({
    storage,
    authorize: seams.authorize ?? authorizeEveryone,
    metrics: metrics.sync,
    logger,
    limits: {
      maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
      maxSendBufferBytes: config.MAX_SEND_BUFFER_BYTES,
      maxAwarenessStatesPerConnection: config.MAX_AWARENESS_STATES_PER_CONNECTION,
      maxAwarenessStateBytes: config.MAX_AWARENESS_STATE_BYTES,
      roomUnloadGraceMs: config.ROOM_UNLOAD_GRACE_MS,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      compactAfterBytes: config.COMPACT_AFTER_BYTES,
    },
  })
  const http = createHttpApp({
    logger,
    metrics: metrics.registry,
    clientDir: config.CLIENT_DIR,
    health: () => ({ roomsLoaded: core.roomsLoaded }),
  })
  const server = createAdaptorServer({ fetch: http.fetch }) as Server
  const transport = attachWebSocketTransport(server, {
    core,
    logger,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
    messageBurst: config.MESSAGE_BURST,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    pingIntervalMs: config.PING_INTERVAL_MS,
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      core.close()
      db.close()
      await transport.close(1000)
      server.closeAllConnections()
      await stopped
    })()
    return closing
  }
  return { server, port, close }
}

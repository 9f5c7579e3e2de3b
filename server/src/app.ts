import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { ClusterControl } from './cluster/cluster-control.js'
import { ClusterLink } from './cluster/cluster-link.js'
import { RedisRoomRelay } from './cluster/room-relay.js'
import type { Config } from './config.js'
import { Agreements } from './domain/mediation-and-agreements/agreements.js'
import { MediationBoard } from './domain/mediation-and-agreements/mediation-board.js'
import { Mediations } from './domain/mediation-and-agreements/mediations.js'
import { AuditNotices } from './domain/notifications/audit-notices.js'
import { CommentNotices } from './domain/notifications/comment-notices.js'
import { NotificationSignals } from './domain/notifications/notification-signals.js'
import { Notifications } from './domain/notifications/notifications.js'
import { TermSweep } from './domain/notifications/term-sweep.js'
import { Access } from './domain/people-and-access/access.js'
import { Invites } from './domain/people-and-access/invites.js'
import { SignIns } from './domain/people-and-access/sign-ins.js'
import { WorkspaceNews } from './domain/people-and-access/workspace-news.js'
import { Workspaces } from './domain/people-and-access/workspaces.js'
import { Documents } from './domain/plans-and-versions/documents.js'
import { Versions } from './domain/plans-and-versions/versions.js'
import type { LiveRooms, Stores } from './domain/ports.js'
import { PersonCommitments } from './domain/records-and-publication/person-commitments.js'
import { PublicRecord } from './domain/records-and-publication/public-record.js'
import { RecordChain } from './domain/records-and-publication/record-chain.js'
import { RecordCheck } from './domain/records-and-publication/record-check.js'
import { logHost, TransparencyLog } from './domain/records-and-publication/transparency-log.js'
import { ApprovedTexts } from './domain/sessions-and-decisions/approved-texts.js'
import { roomFromCommittedState } from './domain/sessions-and-decisions/committed-rooms.js'
import { Polls } from './domain/sessions-and-decisions/polls.js'
import { SessionBalances } from './domain/sessions-and-decisions/session-balances.js'
import { Sessions } from './domain/sessions-and-decisions/sessions.js'
import { sessionCookiePolicy } from './http/credentials.js'
import { createHttpApp } from './http/http-app.js'
import { createOriginPolicy } from './http/origin-policy.js'
import { createSyncAuthorize } from './http/sync-access.js'
import { openLimits } from './limits/open-limits.js'
import type { Logger } from './observability/logger.js'
import { createMetrics } from './observability/metrics.js'
import { openMail } from './outbound/open-mail.js'
import { openWebhooks } from './outbound/open-webhooks.js'
import { openIdProviderFrom } from './outbound/openid-provider.js'
import { roomStorageOver } from './room-storage.js'
import { loadOrCreateSigningKey } from './store/log-signing-key.js'
import { openStorage, type StorageLocation } from './store/open-storage.js'
import { Engine } from './store/schema.js'
import { ensureDataDir } from './store/sqlite/sqlite-files.js'
import { SyncCore } from './sync/sync-core.js'
import { trustedProxies } from './transport/client-address.js'
import { attachWebSocketTransport } from './transport/websocket.js'

/** SQLite in DATA_DIR, unless DATABASE_URL names a PostgreSQL database. */
const storageLocation = (config: Config): StorageLocation =>
  config.DATABASE_URL
    ? { engine: Engine.postgres, url: config.DATABASE_URL, cluster: Boolean(config.REDIS_URL) }
    : {
        engine: Engine.sqlite,
        dataDir: config.DATA_DIR,
        durability: config.DURABILITY,
        busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
        stallCommitsMs: config.TEST_FAULT_STALL_COMMITS_MS,
      }

export interface RunningApp {
  server: Server
  port: number
  /** Stops accepting, closes sockets with 1001, commits what is pending, closes the database. */
  close(): Promise<void>
}

/** How long an idle HTTP connection is kept open: longer than any balancer in front keeps it. */
const keepAliveMs = 65_000

/** This server's own address as a browser on the machine reaches it (all interfaces: localhost). */
const listeningOrigin = (host: string, port: number): string => {
  const named = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `http://${named.includes(':') ? `[${named}]` : named}:${port}`
}

/** The composition root: the only place that wires store, sync, transport and HTTP together. */
export const startApp = async (
  config: Config,
  logger: Logger,
  /** Called when the server can no longer run safely and must stop (the process exits non-zero). */
  fatal: (reason: string) => void = () => undefined,
): Promise<RunningApp> => {
  // The log signing key lives in DATA_DIR whichever engine holds the rest.
  ensureDataDir(config.DATA_DIR)
  const storage = await openStorage(storageLocation(config), {
    logger,
    effectFailed: (error) => logger.error({ err: error }, 'an effect after a commit failed'),
    // News of an audited change goes out once its transaction has committed.
    audited: (entry) =>
      void units.afterCommit(async () => {
        news.heard(entry.workspaceId, entry.action)
        await auditNotices.heard(entry)
        await webhooks.heard(entry)
      }),
    claimLost: () => {
      logger.error(
        {},
        'lost the claim on the PostgreSQL database (its session ended): stopping, so no second server shares it',
      )
      fatal('claim lost')
    },
    storageLost: (error) => {
      logger.error(
        { err: error },
        'a SQLite thread ended: nothing can be stored any more, stopping',
      )
      fatal('storage lost')
    },
  })
  const { units } = storage
  if (config.TEST_FAULT_CHAIN_APPEND === 'fail') {
    units.repositories.chain.append = async () => {
      throw new Error('TEST_FAULT_CHAIN_APPEND: the record chain refuses appends')
    }
  }
  // Open pages hear of every audited change through the workspace's presence room.
  const news = new WorkspaceNews({
    edit: (room, change) => core.editIfOpen(room, change),
    exists: async (workspaceId) =>
      (await units.repositories.workspaces.findWorkspace(workspaceId)) !== undefined,
    failed: (error, workspaceId) => logger.warn({ err: error, workspaceId }, 'news not announced'),
  })
  const stores: Stores = {
    ...units.repositories,
    transaction: async (work) => await units.transaction(work),
    erasure: storage.erasure,
  }
  // A person's open pages hear that they have something new, never what (they fetch it).
  const signals = new NotificationSignals({
    edit: (room, change) => core.editIfOpen(room, change),
    exists: async (workspaceId) =>
      (await units.repositories.workspaces.findWorkspace(workspaceId)) !== undefined,
    failed: (error, workspaceId) =>
      logger.warn({ err: error, workspaceId }, 'notification signal not sent'),
  })
  const mail = openMail(config, stores, logger)
  const notifications = new Notifications(
    stores,
    (workspaceId, people) => signals.signal(workspaceId, people),
    (tx, told) => mail.notices.told(tx, told),
  )
  const auditNotices = new AuditNotices(stores, notifications)
  const access = new Access(stores, {
    // A savepoint of the room's commit: a failure loses the notifications, never the comment.
    commentsWritten: async (written) => {
      try {
        await units.transaction(async (tx) => await commentNotices.heard(tx, written))
      } catch (error) {
        logger.warn({ err: error, room: written.room }, 'comment notifications not stored')
      }
    },
  })
  const commentNotices = new CommentNotices(stores, notifications, {
    mayOpen: (participant, room) => access.mayOpen(participant, room),
  })
  const { webhooks, dispatcher } = openWebhooks(config, stores, logger)
  const termSweep = new TermSweep(stores, notifications, {
    intervalMs: config.TERM_SWEEP_INTERVAL_MS,
    failed: (error) => logger.warn({ err: error }, 'the term sweep failed'),
  })
  // With REDIS_URL this node is one of several: the link carries commits, presence and closes.
  const link = config.REDIS_URL ? new ClusterLink(config, logger) : undefined
  const control = link
    ? new ClusterControl(link, logger, config.CLUSTER_FLUSH_TIMEOUT_MS)
    : undefined
  // Each node numbers its own commits of a room; alone, a node's are the nodes' ''. In a
  // cluster NODE_ID names them, so a node restarted under the same name goes on counting.
  const roomStorage = roomStorageOver(storage, link ? config.NODE_ID : '')
  const limits = openLimits(config, logger)
  const metrics = createMetrics()
  const proxies = trustedProxies(config.TRUSTED_PROXIES)
  const originPolicy = createOriginPolicy({
    publicUrl: config.PUBLIC_URL,
    allowedOrigins: config.ALLOWED_ORIGINS,
  })
  const core = new SyncCore({
    storage: roomStorage,
    authorize: createSyncAuthorize(access, originPolicy, sessionCookiePolicy(config.PUBLIC_URL)),
    metrics: metrics.sync,
    logger,
    reconcile: roomFromCommittedState(units.repositories),
    relay: link ? new RedisRoomRelay(link, logger) : undefined,
    faults: {
      holdCommitsMs: config.TEST_FAULT_HOLD_COMMITS_MS,
      slowCommitsMs: config.TEST_FAULT_SLOW_COMMITS_MS,
    },
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
  // The live world is touched only outside transactions: a unit registers it as an effect.
  const outsideUnits = (what: string): void => {
    if (units.active) throw new Error(`${what} inside a transaction: make it an afterCommit effect`)
  }
  const live: LiveRooms = {
    disconnectParticipant: (participantId, code, reason) => {
      outsideUnits('disconnecting a participant')
      core.disconnect(participantId, code, reason)
      control?.disconnect(participantId, code, reason)
    },
    closeRooms: async (rooms, code, reason) => {
      outsideUnits('closing rooms')
      control?.closeRooms(rooms, code, reason)
      return await core.closeRooms(rooms, code, reason)
    },
    // Every node's, so a version saved here holds a keystroke a client sent to another node.
    commitPending: async () => {
      outsideUnits('committing rooms')
      await Promise.all([core.commitPending(), control?.flushOthers()])
    },
    edit: (room, change, author) => {
      outsideUnits('editing a room')
      return core.edit(room, change, author)
    },
    pageSeen: (room, participantId) => core.pageSeen(room, participantId),
  }
  // Other nodes' closes, with the same codes as this node's own.
  await control?.start({
    disconnect: (principal, code, reason) => core.disconnect(principal, code, reason),
    closeRooms: (rooms, code, reason) => core.closeRooms(rooms, code, reason),
    commitPending: () => core.commitPending(),
  })
  const workspaces = new Workspaces(stores, live)
  const documents = new Documents(stores, live)
  const versions = new Versions(
    stores,
    live,
    {
      maxEdits: config.COMPARE_MAX_EDITS,
      timeoutMs: config.COMPARE_TIMEOUT_MS,
    },
    (document, version) =>
      webhooks.publish(document.workspaceId, 'version.saved', {
        id: version.id,
        documentId: document.id,
        name: version.name,
        kind: version.kind,
        contentHash: version.contentHash,
      }),
  )
  const commitments = new PersonCommitments(stores)
  const log = new TransparencyLog(stores, {
    privateKey: config.LOG_SIGNING_KEY ?? loadOrCreateSigningKey(config.DATA_DIR),
    host: logHost(config.PUBLIC_URL),
  })
  const outstanding = await log.signOutstanding()
  for (const { workspaceId, problem } of outstanding.refused) {
    logger.error({ workspaceId }, `transparency log not signed: ${problem}`)
  }
  if (outstanding.resigned.length > 0) {
    // Monitors pinned the old key: they must be told the new verifier key another way.
    logger.warn(
      { workspaces: outstanding.resigned.length },
      'the log signing key changed: logs signed anew with it; publish the new verifier keys',
    )
  }
  const chain = new RecordChain(stores, log, commitments)
  const approvedTexts = new ApprovedTexts(stores, documents, versions)
  const sessions = new Sessions(stores, live, chain, approvedTexts, config.LEAVE_GRACE_MS)
  const mediations = new Mediations(stores, live, sessions)
  const agreements = new Agreements(stores, mediations, chain, commitments)
  const board = new MediationBoard(mediations, live)
  const recordCheck = new RecordCheck(stores, chain, agreements)
  const invites = new Invites(stores, workspaces)
  const identityProvider = openIdProviderFrom(config)
  const http = createHttpApp({
    logger,
    metrics: metrics.registry,
    metricsToken: config.METRICS_TOKEN,
    clientDir: config.CLIENT_DIR,
    health: () => ({ roomsLoaded: core.roomsLoaded }),
    storageUnavailable: storage.unavailable,
    api: {
      access,
      workspaces,
      invites,
      signIns: new SignIns(stores, workspaces, invites, identityProvider),
      documents,
      versions,
      chain,
      recordCheck,
      log,
      sessions,
      polls: new Polls(stores, live),
      balances: new SessionBalances(stores, live, sessions),
      mediations,
      board,
      agreements,
      approvedTexts,
      notifications,
      webhooks,
      mail,
      publicRecord: new PublicRecord(
        stores,
        chain,
        agreements,
        approvedTexts,
        recordCheck,
        commitments,
      ),
      adminToken: config.ADMIN_TOKEN,
      publicUrl: config.PUBLIC_URL,
      originPolicy,
      trustedProxies: proxies,
      requestWindows: limits.requestWindows,
      limits: {
        workspacesPerHour: config.RATE_LIMIT_WORKSPACES_PER_HOUR,
        acceptsPerMinute: config.RATE_LIMIT_ACCEPTS_PER_MINUTE,
        publicReadsPerMinute: config.RATE_LIMIT_PUBLIC_READS_PER_MINUTE,
        mailAddressesPerHour: config.RATE_LIMIT_MAIL_ADDRESSES_PER_HOUR,
        bodyBytes: config.MAX_BODY_BYTES,
        agreementBodyBytes: config.MAX_AGREEMENT_BODY_BYTES,
      },
    },
  })
  const server = createAdaptorServer({ fetch: http.fetch }) as Server
  // An idle keep-alive connection outlives a balancer's (nginx and most cloud ones keep theirs
  // 60 s): with Node's 5 s the server could close one just as a request is sent on it, and that
  // request fails ("upstream prematurely closed", a 502) though nothing was wrong.
  server.keepAliveTimeout = keepAliveMs
  server.headersTimeout = keepAliveMs + 1000
  const transport = attachWebSocketTransport(server, {
    core,
    logger,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
    messageBurst: config.MESSAGE_BURST,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    sockets: limits.addressSockets,
    trustedProxies: proxies,
    pingIntervalMs: config.PING_INTERVAL_MS,
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // A workshop's clients all (re)connect at once, e.g. after a restart: a deep accept queue
    // keeps the kernel from dropping their connections and making them wait a second to retry.
    server.listen({ port: config.PORT, host: config.HOST, backlog: 4096 }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  termSweep.start()
  dispatcher.start()
  mail.start(listeningOrigin(config.HOST, port))

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await termSweep.stop()
      await dispatcher.stop()
      await mail.stop()
      await core.close()
      await link?.close()
      // After the units in progress: their transactions must not be cut short.
      await storage.close()
      await transport.close(1000)
      await limits.close()
      metrics.stop()
      server.closeAllConnections()
      await stopped
    })()
    return closing
  }
  return { server, port, close }
}

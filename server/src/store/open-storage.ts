import type { NewAuditEntry } from '../../../shared/src/schema/stored.js'
import { lockDataDir } from './data-dir-lock.js'
import type { PlainRoomCommits } from './plain-room-commit.js'
import { PostgresErasure } from './postgres/postgres-erasure.js'
import { isPostgresOutage } from './postgres/postgres-outage.js'
import { PostgresRoomCommit } from './postgres/postgres-room-commit.js'
import { ActivityRepository } from './repositories/activity-repository.js'
import { AgreementRepository } from './repositories/agreement-repository.js'
import { AnonymousPositionRepository } from './repositories/anonymous-position-repository.js'
import { AuditRepository } from './repositories/audit-repository.js'
import { AuthorshipRepository } from './repositories/authorship-repository.js'
import { ChainRepository } from './repositories/chain-repository.js'
import { CheckpointRepository } from './repositories/checkpoint-repository.js'
import { DocumentRepository } from './repositories/document-repository.js'
import { InviteRepository } from './repositories/invite-repository.js'
import { MailRepository } from './repositories/mail-repository.js'
import { MediationRepository } from './repositories/mediation-repository.js'
import { NotificationRepository } from './repositories/notification-repository.js'
import { PollRepository } from './repositories/poll-repository.js'
import { PublicationRepository } from './repositories/publication-repository.js'
import { RecordPeopleRepository } from './repositories/record-people-repository.js'
import { RoomLogRepository } from './repositories/room-log-repository.js'
import { SessionRepository } from './repositories/session-repository.js'
import { SignInRepository } from './repositories/sign-in-repository.js'
import { VersionRepository } from './repositories/version-repository.js'
import { WebhookRepository } from './repositories/webhook-repository.js'
import { WorkspaceRepository } from './repositories/workspace-repository.js'
import { Engine, type Queries } from './schema.js'
import { openSqlite, type SqliteOptions } from './sqlite/sqlite-engine.js'
import { SqliteErasure } from './sqlite/sqlite-erasure.js'
import { ensureDataDir } from './sqlite/sqlite-files.js'
import { SqliteRoomCommit } from './sqlite/sqlite-room-commit.js'
import { KyselyUnitOfWork, type UnitOfWorkOptions, type Work } from './unit-of-work.js'

/** Where the data lives: SQLite in a directory (the default), or a PostgreSQL database. */
export type StorageLocation =
  | ({ engine: typeof Engine.sqlite } & SqliteOptions)
  | {
      engine: typeof Engine.postgres
      url: string
      /** One of several nodes on this database (REDIS_URL set): the claim is shared with them. */
      cluster?: boolean
    }

export interface StorageLog {
  info(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface StorageOptions extends UnitOfWorkOptions {
  logger: StorageLog
  /** Hears of each audit entry as it is written, inside its unit (which may still roll back). */
  audited?: (entry: NewAuditEntry) => void
  /**
   * Hears that the claim on a PostgreSQL database was lost (its session ended): another server
   * may now start on it while this one holds rooms in memory, so this one must stop.
   */
  claimLost?: () => void
  /**
   * Hears that one of SQLite's threads (the writer, the checkpoints) ended on its own: the
   * server can store nothing more, so it must stop.
   */
  storageLost?: (error: Error) => void
}

const repositoriesOver = (q: Queries, options: StorageOptions) => ({
  roomLog: new RoomLogRepository(q),
  workspaces: new WorkspaceRepository(q),
  invites: new InviteRepository(q),
  signIns: new SignInRepository(q),
  documents: new DocumentRepository(q),
  audit: new AuditRepository(q, options.audited),
  versions: new VersionRepository(q),
  activity: new ActivityRepository(q),
  authorship: new AuthorshipRepository(q),
  sessions: new SessionRepository(q),
  polls: new PollRepository(q),
  anonymousPositions: new AnonymousPositionRepository(q),
  chain: new ChainRepository(q),
  checkpoints: new CheckpointRepository(q),
  mediation: new MediationRepository(q),
  agreements: new AgreementRepository(q),
  recordPeople: new RecordPeopleRepository(q),
  publications: new PublicationRepository(q),
  notifications: new NotificationRepository(q),
  webhooks: new WebhookRepository(q),
  mail: new MailRepository(q),
})

export type StoreRepositories = ReturnType<typeof repositoriesOver>

/** One storage, whichever engine is behind it: what app.ts wires into the domain and sync. */
export interface Storage {
  engine: Engine
  /** Repositories that query in the unit active where they are called, or on their own. */
  repositories: Work<StoreRepositories>
  units: KyselyUnitOfWork<StoreRepositories>
  /** A room commit of rows only (nearly every keystroke's) in one trip to the database. */
  plainCommits: PlainRoomCommits
  /** Takes what deletions left behind off the disk (see each engine's erasure). */
  erasure: { flush(what: string): Promise<boolean> }
  /**
   * Whether an error means the database cannot be reached for now (PostgreSQL down, restarting,
   * refusing connections): worth retrying later, not a fault of the request. Never on SQLite.
   */
  unavailable(error: unknown): boolean
  /** Waits for the units in progress, closes the database, gives up the claim on it (the lock). */
  close(): Promise<void>
}

/** Why the storage cannot be opened, in one sentence for the operator. */
export class StorageClaimed extends Error {}

/**
 * Opens the storage: claims it for this server (a lock on the data directory, or an advisory
 * lock on the PostgreSQL database), migrates the schema, and builds the repositories.
 */
export const openStorage = async (
  location: StorageLocation,
  options: StorageOptions,
): Promise<Storage> => {
  if (location.engine === Engine.sqlite) {
    ensureDataDir(location.dataDir)
    const lock = lockDataDir(location.dataDir)
    if (!lock) {
      throw new StorageClaimed(
        `another Mufakat server, or a restore, is using ${location.dataDir}: stop it first`,
      )
    }
    try {
      const { db, together } = await openSqlite({
        ...location,
        threadEnded: (error) => options.storageLost?.(error),
      })
      const units = new KyselyUnitOfWork(
        db,
        Engine.sqlite,
        (q) => repositoriesOver(q, options),
        options,
      )
      const erasure = new SqliteErasure(db, {
        busyTimeoutMs: location.busyTimeoutMs,
        logger: options.logger,
      })
      return {
        engine: Engine.sqlite,
        repositories: units.repositories,
        units,
        plainCommits: new SqliteRoomCommit(units, together),
        erasure,
        unavailable: () => false,
        close: async () => {
          erasure.close()
          await units.settled()
          await db.destroy()
          lock.release()
        },
      }
    } catch (error) {
      lock.release()
      throw error
    }
  }
  // pg loads only for PostgreSQL: the default server (SQLite) is lighter without it.
  const { openPostgres } = await import('./postgres/postgres-engine.js')
  const opened = await openPostgres({
    url: location.url,
    connectionFailed: (error) =>
      options.logger.error({ err: error }, 'a PostgreSQL connection failed'),
    claimLost: () => options.claimLost?.(),
    shared: location.cluster === true,
  })
  if (!opened) {
    throw new StorageClaimed(
      location.cluster
        ? 'a Mufakat server running alone (without REDIS_URL) is using this PostgreSQL database: stop it first'
        : 'another Mufakat server is using this PostgreSQL database (it holds the advisory lock): stop it first',
    )
  }
  const units = new KyselyUnitOfWork(
    opened.db,
    Engine.postgres,
    (q) => repositoriesOver(q, options),
    options,
  )
  return {
    engine: Engine.postgres,
    repositories: units.repositories,
    units,
    plainCommits: new PostgresRoomCommit(units),
    erasure: new PostgresErasure(opened.db, options.logger),
    unavailable: isPostgresOutage,
    close: async () => {
      await units.settled()
      await opened.release()
    },
  }
}

import type { Kysely } from 'kysely'
import type { DocumentTables } from './tables/documents.js'
import type { MediationTables } from './tables/mediation.js'
import type { NotificationTables } from './tables/notifications.js'
import type { PeopleTables } from './tables/people.js'
import type { RecordTables } from './tables/records.js'
import type { RoomTables } from './tables/rooms.js'
import type { SessionTables } from './tables/sessions.js'

export type * from './tables/documents.js'
export type * from './tables/mediation.js'
export type * from './tables/notifications.js'
export type * from './tables/people.js'
export type * from './tables/records.js'
export type * from './tables/rooms.js'
export type * from './tables/sessions.js'

/*
 * The tables as Kysely sees them, written once for both engines, one file per area in tables/.
 * Bytes come back as Buffer from both drivers; 64-bit integers come back as numbers (the
 * PostgreSQL pool parses int8 so).
 */
export interface Schema
  extends RoomTables,
    PeopleTables,
    DocumentTables,
    SessionTables,
    MediationTables,
    RecordTables,
    NotificationTables {}

/** The two engines behind the storage seam. */
export const Engine = { sqlite: 'sqlite', postgres: 'postgres' } as const
export type Engine = (typeof Engine)[keyof typeof Engine]

/**
 * What every repository queries through: the unit of work's transaction when one is active in
 * this async context, else the database itself.
 */
export interface Queries {
  readonly db: Kysely<Schema>
  readonly engine: Engine
}

/** Bytes as both drivers bind them (pg binds a Buffer as bytea, not a bare Uint8Array). */
export const bytes = (data: Uint8Array): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)

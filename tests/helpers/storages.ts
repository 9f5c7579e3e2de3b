import { afterEach } from 'vitest'
import * as Y from 'yjs'
import { openStorage, type Storage } from '../../server/src/store/open-storage.js'
import { Durability } from '../../server/src/store/sqlite/sqlite-files.js'
import { createTestDatabase } from './postgres.js'
import { makeDataDir } from './server.js'

/* Storage of either engine, fresh, for tests of the storage itself; and documents to store. */

export type Opened = { storage: Storage; failed: unknown[]; cleanup: () => Promise<void> }

const quiet = { info: () => {}, error: () => {} }

/**
 * Inside a describe: a function that opens a fresh storage with `open`, each one closed (its
 * database dropped) after the test that opened it.
 */
export const freshStorages = (open: () => Promise<Opened>): (() => Promise<Opened>) => {
  const opened: Opened[] = []
  afterEach(async () => {
    for (const one of opened.splice(0)) await one.cleanup()
  })
  return async () => {
    const one = await open()
    opened.push(one)
    return one
  }
}

export const openSqliteStorage = async (): Promise<Opened> => {
  const failed: unknown[] = []
  const storage = await openStorage(
    { engine: 'sqlite', dataDir: makeDataDir(), durability: Durability.full, busyTimeoutMs: 100 },
    { logger: quiet, effectFailed: (error) => failed.push(error) },
  )
  return { storage, failed, cleanup: () => storage.close() }
}

export const openPostgresStorage = async (): Promise<Opened> => {
  const database = await createTestDatabase()
  const failed: unknown[] = []
  const storage = await openStorage(
    { engine: 'postgres', url: database.url },
    { logger: quiet, effectFailed: (error) => failed.push(error) },
  )
  return {
    storage,
    failed,
    cleanup: async () => {
      await storage.close()
      await database.drop()
    },
  }
}

/** Edits a document and collects the updates it emits, as the sync core would store them. */
export const editsOf = (write: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  write(doc)
  return { doc, updates }
}

export const rebuild = (updates: readonly Uint8Array[]): Y.Doc => {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

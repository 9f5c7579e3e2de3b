import { type CloseRequest, openInThread } from './sqlite-thread-messages.js'

/*
 * Checkpoints, on a connection of their own in a thread of their own. The writer runs with
 * `wal_autocheckpoint=0`, so no commit copies the WAL into the database file (and, with
 * `synchronous=FULL`, flushes that file) on a user's behalf. Here a PASSIVE checkpoint, which
 * never waits for a lock and never holds up the writer, copies what has committed once the
 * writer has been quiet for a moment, or every few seconds while it never is; once one has
 * copied everything, the writer's next commit starts the WAL over, so it stays small.
 */

/** How often the thread looks for commits it has not copied yet. */
const tickMs = 200
/**
 * A writer quiet this long is idle: its commits are copied now. Each checkpoint flushes twice
 * (the WAL, then the database file), so they are not run after every pause in typing.
 */
const idleMs = 1000
/**
 * A writer that is never quiet has its commits copied this often all the same, so the WAL
 * holds a few seconds of writes (a few MB under a busy workshop), as SQLite's own 1000-page
 * automatic checkpoint would.
 */
const busyMs = 5000

// Never waits for a lock: a PASSIVE checkpoint that meets one copies what it can, and tries
// again on a later tick.
const { port, connection } = openInThread((connection, options) => {
  // The checkpoint flushes the WAL and the database file as the writer's setting says.
  connection.pragma(`synchronous = ${options.synchronous}`)
  connection.pragma('wal_autocheckpoint = 0')
}, 0)

/** Moves whenever another connection (the writer, another process) commits. */
const dataVersion = (): number => connection.pragma('data_version', { simple: true }) as number

let seen = dataVersion()
let copied = seen
let changedAt = 0
let copiedAt = Date.now()

const tick = (): void => {
  const now = Date.now()
  const version = dataVersion()
  if (version !== seen) {
    seen = version
    changedAt = now
  }
  if (seen === copied) return
  if (now - changedAt < idleMs && now - copiedAt < busyMs) return
  try {
    connection.pragma('wal_checkpoint(PASSIVE)')
    copied = seen
  } catch {
    // Locked by an erasure's TRUNCATE checkpoint or a restore: the next tick tries again.
  }
  copiedAt = now
}

const timer = setInterval(tick, tickMs)

port.on('message', (message: CloseRequest) => {
  if (!message.close) return
  clearInterval(timer)
  connection.close()
  port.postMessage({ closed: true })
  port.close()
})

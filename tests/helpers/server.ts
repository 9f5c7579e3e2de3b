import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createTestDatabase, type TestDatabase, testEngine } from './postgres.js'

export const serverEntry = fileURLToPath(new URL('../../build/server/src/main.js', import.meta.url))

export interface ServerOptions {
  /**
   * Extra environment, e.g. limits. PORT, HOST and DATA_DIR are set by the helper, and under
   * TEST_ENGINE=postgres DATABASE_URL (a fresh database per data directory).
   */
  env?: Record<string, string>
  /** Reuse a data directory (for restarts); a fresh temp directory otherwise. */
  dataDir?: string
  /** Wrap the server in another command, e.g. `['strace', '-f', …]`. */
  wrapper?: string[]
}

export interface TestServer {
  port: number
  /** The server's own pid (differs from process.pid when wrapped). */
  pid: number
  dataDir: string
  /** The PostgreSQL database it runs on; undefined on SQLite (the file in `dataDir`). */
  databaseUrl?: string
  httpUrl: string
  /** Base URL for WebsocketProvider: `new WebsocketProvider(server.syncUrl, room, doc)`. */
  syncUrl: string
  process: ChildProcess
  /** Lines the server printed (JSON logs). */
  output: string[]
  /** Sends a signal and waits for the exit; answers the exit code (or the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>
}

const tempDirs: string[] = []
/** The processes of each server still running: a wrapper's and the server's own. */
const running = new Map<ChildProcess, number[]>()

/** Kills every server a test started and did not stop (a failed test skips its own stop). */
export const killServers = (): void => {
  for (const [child, pids] of running) {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    child.kill('SIGKILL')
  }
  running.clear()
}
process.once('exit', killServers)

export const makeDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mufakat-test-'))
  tempDirs.push(dir)
  return dir
}

/**
 * Under TEST_ENGINE=postgres, the database of each data directory's server: made when its first
 * server starts, kept across restarts on the same directory, dropped with the directory.
 */
const databases = new Map<string, Promise<TestDatabase>>()

const databaseOf = (dataDir: string): Promise<TestDatabase> => {
  let database = databases.get(dataDir)
  if (!database) {
    database = createTestDatabase()
    databases.set(dataDir, database)
  }
  return database
}

/** Removes every data directory made so far, and under TEST_ENGINE=postgres their databases. */
export const removeDataDirs = async (): Promise<void> => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  const dropped = [...databases.values()].map(async (database) => (await database).drop())
  databases.clear()
  await Promise.all(dropped)
}

/** Starts the built server as its own process on a free port and waits until it listens. */
export const startServer = async (options: ServerOptions = {}): Promise<TestServer> => {
  const dataDir = options.dataDir ?? makeDataDir()
  const database =
    testEngine === 'postgres' && options.env?.DATABASE_URL === undefined
      ? { DATABASE_URL: (await databaseOf(dataDir)).url }
      : {}
  const command = [...(options.wrapper ?? []), process.execPath, serverEntry]
  const child = spawn(command[0] as string, command.slice(1), {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...database,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.set(child, [])
  child.once('exit', () => running.delete(child))
  const output: string[] = []
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) =>
    output.push(line),
  )
  const { port, pid } = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      output.push(line)
      const port = /"port":(\d+)/.exec(line)?.[1]
      const pid = /"pid":(\d+)/.exec(line)?.[1]
      if (port && pid && line.includes('listening'))
        resolve({ port: Number(port), pid: Number(pid) })
    })
    void exited.then((code) => reject(new Error(`server exited (${code}):\n${output.join('\n')}`)))
  })
  running.get(child)?.push(pid)
  return {
    port,
    pid,
    dataDir,
    databaseUrl: options.env?.DATABASE_URL ?? database.DATABASE_URL,
    httpUrl: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    process: child,
    output,
    stop: async (signal = 'SIGTERM') => {
      // Signal the server itself: a wrapper such as strace would detach rather than pass it on.
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal)
      return exited
    },
  }
}

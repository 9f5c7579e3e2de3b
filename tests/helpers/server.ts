import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const serverEntry = fileURLToPath(new URL('../../build/server/src/main.js', import.meta.url))

export interface ServerOptions {
  /** Extra environment, e.g. limits. PORT, HOST and DATA_DIR are set by the helper. */
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

export const removeDataDirs = (): void => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Starts the built server as its own process on a free port and waits until it listens. */
export const startServer = async (options: ServerOptions = {}): Promise<TestServer> => {
  const dataDir = options.dataDir ?? makeDataDir()
  const command = [...(options.wrapper ?? []), process.execPath, serverEntry]
  const child = spawn(command[0] as string, command.slice(1), {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
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

import type { RoomAccess } from '../client/light-client.js'
import { spawnServer, stopProcess, type Tracked } from '../lib/children.js'
import { freePort, httpGet, waitForHttpOk } from '../lib/net.js'
import { REPO_ROOT } from '../lib/paths.js'
import { readCpuSeconds } from '../lib/proc.js'
import { readMetric } from '../lib/prometheus.js'
import type { RunningTarget, StartOptions, TargetDefinition } from './target.js'

/** What differs between targets that are "a node script listening on a port". */
export interface LaunchSpec {
  /** JavaScript file run with bare `node`. */
  script: string
  env: Record<string, string>
  /** Answers 200 once the server accepts clients. */
  healthPath: string
  /** Prometheus gauge on GET /metrics holding the number of rooms in memory. */
  roomsMetric: string
  roomUrl: (port: number, room: string) => string
  /** Hocuspocus addresses documents inside frames; others ignore it. */
  documentName: (room: string) => string
  /** Creates rooms (and credentials) before clients connect; default: plain URLs. */
  provision?: (port: number) => (rooms: readonly string[]) => Promise<Map<string, RoomAccess>>
}

const READY_TIMEOUT_MS = 20_000
const STOP_GRACE_MS = 10_000

/** Starts a server process on a free loopback port, pinned to the server core. */
export const startProcessTarget = async (
  definition: TargetDefinition,
  options: StartOptions,
  spec: LaunchSpec,
): Promise<RunningTarget> => {
  const port = await freePort()
  const inspectPort = options.inspect ? await freePort() : null
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...spec.env,
    ...options.env,
  }
  // BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the servers:
  // Node refuses --cpu-prof in NODE_OPTIONS, and the generator should not be profiled anyway.
  const nodeArgs = [
    ...(inspectPort === null ? [] : [`--inspect=127.0.0.1:${inspectPort}`]),
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter((arg) => arg !== '') ?? []),
  ]

  const launch = async (): Promise<Tracked> => {
    const tracked = spawnServer(process.execPath, [...nodeArgs, spec.script], env, REPO_ROOT)
    try {
      await waitForHttpOk(`http://127.0.0.1:${port}${spec.healthPath}`, tracked, READY_TIMEOUT_MS)
    } catch (error) {
      await stopProcess(tracked, 1000)
      throw new Error(
        `${definition.name} did not start: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    return tracked
  }

  let tracked = await launch()
  const provision = spec.provision?.(port)
  // CPU of processes already stopped by a restart, so cpuSeconds() covers the whole run.
  let retiredCpu = 0

  return {
    definition,
    port,
    inspectPort,
    get pid() {
      return tracked.pid
    },
    provision: async (rooms) => {
      if (provision !== undefined) return provision(rooms)
      const access = new Map<string, RoomAccess>()
      for (const room of rooms) {
        access.set(room, {
          url: spec.roomUrl(port, room),
          documentName: spec.documentName(room),
          token: '',
        })
      }
      return access
    },
    roomsLoaded: async () => {
      const answer = await httpGet(`http://127.0.0.1:${port}/metrics`)
      return answer.status === 200 ? readMetric(answer.body, spec.roomsMetric) : null
    },
    cpuSeconds: () => retiredCpu + readCpuSeconds(tracked.pid),
    restart: async () => {
      retiredCpu += readCpuSeconds(tracked.pid)
      await stopProcess(tracked, STOP_GRACE_MS)
      tracked = await launch()
    },
    stop: () => stopProcess(tracked, STOP_GRACE_MS),
  }
}

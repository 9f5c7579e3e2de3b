import type { RoomAccess } from '../client/light-client.js'
import type { Protocol } from '../client/wire.js'

export interface StartOptions {
  /** A fresh directory the target may keep its data in (and keeps across restart). */
  dataDir: string
  /** Start node with `--inspect` on loopback so the bench can force a GC (S6). */
  inspect: boolean
  /** Extra environment a scenario needs, e.g. a shorter room unload grace. */
  env: Record<string, string>
}

/** One server to measure: how to start it and what it can do. */
export interface TargetDefinition {
  name: string
  description: string
  protocol: Protocol
  /** Keeps documents on disk across a restart (only those run S5). */
  persistent: boolean
  /**
   * How long after its last client leaves the target drops a room from memory: a number
   * of ms, or null when it never does (S6 then waits briefly instead of a full grace).
   */
  unloadAfterMs: (env: Record<string, string>) => number | null
  /**
   * Nodes of one cluster (several processes sharing a store and a Redis); absent for one
   * process. Cluster targets run only the cluster scenarios (S7, S8), and only those run on them.
   */
  nodes?: number
  /** Why the target cannot run on this machine (the bench then skips it), or null. */
  unavailable?: () => Promise<string | null>
  start: (options: StartOptions) => Promise<RunningTarget>
}

export interface RunningTarget {
  readonly definition: TargetDefinition
  /** Changes on restart. */
  readonly pid: number
  readonly port: number
  /** A cluster's node ports, node 0 first (its `port`); absent for one process. */
  readonly nodePorts?: readonly number[]
  /** Every process of a cluster, for memory readings; absent for one process (`pid`). */
  readonly pids?: () => readonly number[]
  readonly inspectPort: number | null
  /**
   * Prepares rooms before any client connects and says how to reach them. Today a plain
   * URL per room; once Mufakat has auth this is where a target creates rooms and tokens.
   */
  provision: (rooms: readonly string[]) => Promise<Map<string, RoomAccess>>
  /** CPU seconds used by every process of this target so far (summed over restarts). */
  cpuSeconds: () => number
  /** Rooms the server holds in memory, if the target can tell. */
  roomsLoaded: () => Promise<number | null>
  /** Stops the process gracefully and starts it again on the same port and data. */
  restart: () => Promise<void>
  stop: () => Promise<void>
}

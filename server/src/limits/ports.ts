/**
 * The seams of the per-address limits: kept in this process on one node, or in the cluster's
 * Redis when there are several, so N nodes enforce one limit together (see docs/deploy.md).
 */

/** One request taken from an address's allowance, to give back if its answer does not count. */
export type Taken =
  | { taken: true; giveBack(): Promise<void> }
  | { taken: false; retryAfterMs: number }

/**
 * Fixed windows of requests per key: a window starts with its first request and lasts
 * `windowMs`; at most `limit` requests are counted in it. A request counts from the moment it is
 * taken, so concurrent requests cannot all slip under the limit; given back, it stops counting
 * in its own window (never in a later one).
 */
export interface RequestWindows {
  take(key: string, limit: number, windowMs: number): Promise<Taken>
}

/** Open sockets per client address, across every node. */
export interface AddressSockets {
  /** Counts one more socket for `address`; false (nothing counted) when it holds `limit` already. */
  claim(address: string, limit: number): Promise<boolean>
  /** The socket closed: it stops counting. */
  release(address: string): void
  /** Stops what keeps this node's count alive (its heartbeat), on shutdown. */
  close(): Promise<void>
}

/** Why a limit could not be checked (the shared store is unreachable): it fails closed. */
export class LimitUnavailable extends Error {
  override name = 'LimitUnavailable'
}

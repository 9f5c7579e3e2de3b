import type { WebsocketProvider } from 'y-websocket'
import { CloseCode } from '../../../shared/src/protocol/close-code.js'

const maxBackoffMs = 10_000
/** The longest wait before the first reconnect after a close (it doubles for each failed one). */
export const firstBackoffMs = 500
/**
 * How long a connection must stay open after syncing to count as a success that resets the
 * backoff: the server's sync step 2 reaches the client before the server has read the client's
 * own, so a connection the server then closes has usually "synced" first.
 */
const settledMs = 3_000

/** Close codes the server uses to refuse the connection itself: reconnecting cannot help. */
export const isRefusal = (code: number): boolean =>
  code >= 4400 && code < 4500 && code !== CloseCode.updateRefused

/**
 * y-websocket reconnects on a fixed exponential schedule, so after a server restart every client
 * comes back at the same instant. This takes over the schedule with "full jitter": a random
 * delay up to the backoff, starting with the very first reconnect. The backoff starts again only
 * after a connection that synced and stayed up. It also follows the browser's network state, so
 * going offline stops retrying and coming back online connects at once.
 *
 * A reconnect re-sends everything this device holds, so when the server refuses what it sends
 * (4422: e.g. a comment in someone else's name kept in IndexedDB) it would refuse it again,
 * forever: that close stops reconnecting for good and calls `onRejected`; only discarding this
 * device's copy can help then.
 *
 * The first connection waits for `ready` (this device's copy loaded): a copy that finished
 * loading after the socket opened would go out as one change, before the server's reply.
 */
export const manageReconnects = (
  provider: WebsocketProvider,
  options: { onRejected?: () => void; ready?: Promise<unknown> } = {},
): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempts = 0
  let wanted = window.navigator.onLine
  let ready = options.ready === undefined
  let stopped = false
  let syncedAt: number | undefined
  let rejected = false
  provider.maxBackoffTime = maxBackoffMs

  const schedule = () => {
    clearTimeout(timer)
    const ceiling = Math.min(maxBackoffMs, firstBackoffMs * 2 ** attempts)
    attempts += 1
    timer = setTimeout(() => {
      if (wanted && ready && !rejected) provider.connect()
    }, Math.random() * ceiling)
  }
  const onSync = (synced: boolean) => {
    if (synced) syncedAt = Date.now()
  }
  const onClose = (event: CloseEvent | null) => {
    const settled = syncedAt !== undefined && Date.now() - syncedAt >= settledMs
    syncedAt = undefined
    if (event && isRefusal(event.code)) return
    // Stop y-websocket's own timer from reconnecting; ours decides when.
    provider.shouldConnect = false
    if (rejected) return
    if (event?.code === CloseCode.updateRefused) {
      rejected = true
      clearTimeout(timer)
      options.onRejected?.()
      return
    }
    if (settled) attempts = 0
    if (wanted) schedule()
  }
  const onOnline = () => {
    wanted = true
    if (rejected || !ready) return
    attempts = 0
    clearTimeout(timer)
    provider.connect()
  }
  const onOffline = () => {
    wanted = false
    clearTimeout(timer)
    provider.disconnect()
  }
  void options.ready?.then(() => {
    ready = true
    if (wanted && !stopped && !rejected) provider.connect()
  })
  provider.on('connection-close', onClose)
  provider.on('sync', onSync)
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  return () => {
    stopped = true
    clearTimeout(timer)
    provider.off('connection-close', onClose)
    provider.off('sync', onSync)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  }
}

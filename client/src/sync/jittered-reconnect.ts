import type { WebsocketProvider } from 'y-websocket'

const maxBackoffMs = 10_000

/** Close codes the server uses for a deliberate refusal: reconnecting cannot help. */
export const isRefusal = (code: number): boolean => code >= 4400 && code < 4500

/**
 * y-websocket reconnects on a fixed exponential schedule, so after a server restart every client
 * comes back at the same instant. This takes over the schedule with "full jitter": a random
 * delay up to the backoff, starting with the very first reconnect. It also follows the browser's
 * network state, so going offline stops retrying and coming back online connects at once.
 */
export const manageReconnects = (provider: WebsocketProvider): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempts = 0
  let wanted = window.navigator.onLine
  provider.maxBackoffTime = maxBackoffMs

  const schedule = () => {
    clearTimeout(timer)
    const ceiling = Math.min(maxBackoffMs, 500 * 2 ** attempts)
    attempts += 1
    timer = setTimeout(() => {
      if (wanted) provider.connect()
    }, Math.random() * ceiling)
  }
  const onClose = (event: CloseEvent | null) => {
    if (event && isRefusal(event.code)) return
    // Stop y-websocket's own timer from reconnecting; ours decides when.
    provider.shouldConnect = false
    if (wanted) schedule()
  }
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') attempts = 0
  }
  const onOnline = () => {
    wanted = true
    attempts = 0
    clearTimeout(timer)
    provider.connect()
  }
  const onOffline = () => {
    wanted = false
    clearTimeout(timer)
    provider.disconnect()
  }
  provider.on('connection-close', onClose)
  provider.on('status', onStatus)
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  return () => {
    clearTimeout(timer)
    provider.off('connection-close', onClose)
    provider.off('status', onStatus)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  }
}

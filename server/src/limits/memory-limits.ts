import type { AddressSockets, RequestWindows, Taken } from './ports.js'

/** Past this many keys, finished windows are forgotten, so the map cannot grow without end. */
const maxKeys = 10_000

/** Request windows in this process: one node's limits, as they always were. */
export const memoryRequestWindows = (): RequestWindows => {
  const windows = new Map<string, { startedAt: number; count: number }>()
  return {
    take: async (key, limit, windowMs): Promise<Taken> => {
      const now = Date.now()
      let window = windows.get(key)
      if (!window || now - window.startedAt >= windowMs) {
        if (windows.size > maxKeys) windows.clear()
        window = { startedAt: now, count: 0 }
        windows.set(key, window)
      }
      if (window.count >= limit) {
        return { taken: false, retryAfterMs: window.startedAt + windowMs - now }
      }
      // The window object itself is given back to, so a later window is never credited.
      const held = window
      held.count += 1
      return {
        taken: true,
        giveBack: async () => {
          held.count -= 1
        },
      }
    },
  }
}

/** Sockets per address in this process. */
export const memoryAddressSockets = (): AddressSockets => {
  const held = new Map<string, number>()
  return {
    claim: async (address, limit) => {
      const count = held.get(address) ?? 0
      if (count >= limit) return false
      held.set(address, count + 1)
      return true
    },
    release: (address) => {
      const left = (held.get(address) ?? 1) - 1
      if (left > 0) held.set(address, left)
      else held.delete(address)
    },
    close: async () => undefined,
  }
}

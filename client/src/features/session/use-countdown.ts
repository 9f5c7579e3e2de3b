import { useEffect, useState } from 'react'
import type { SessionState } from '../../../../shared/src/schema/session.js'

/** Milliseconds left on the session timer, recomputed every second while it runs. */
export const useCountdown = (timer: SessionState['timer']): number => {
  const [now, setNow] = useState(() => Date.now())
  const running = timer.running && timer.endsAt !== null
  const endsAt = timer.endsAt ? Date.parse(timer.endsAt) : 0
  const left = running ? Math.max(0, endsAt - now) : Math.max(0, timer.remainingMs)
  useEffect(() => {
    if (!running || left <= 0) return
    // Wake just after the displayed second turns over, not on a drifting 1 s interval.
    const delay = (left % 1000 || 1000) + 15
    const timeout = window.setTimeout(() => setNow(Date.now()), delay)
    return () => window.clearTimeout(timeout)
  }, [running, left])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `endsAt` needs a fresh clock
  useEffect(() => {
    if (running) setNow(Date.now())
  }, [running, endsAt])
  return left
}

/** `mm:ss` (or `h:mm:ss` past an hour), rounding up so 00:00 means the time is really up. */
export const formatClock = (ms: number): string => {
  const total = Math.ceil(Math.max(0, ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mm = String(minutes).padStart(2, '0')
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}

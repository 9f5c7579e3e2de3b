import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/http.js'
import type { Loaded } from './use-load.js'

/** Answers that will not change by asking again. */
const final = (error: unknown) =>
  error instanceof ApiError &&
  (error.status === 401 || error.status === 403 || error.status === 404)

/**
 * Loads something, then again every `intervalMs` while the page is visible and polling is not
 * `paused`, so what others do meanwhile (a party signs) shows up. A failed poll keeps what was
 * shown. `replace` puts in an answer the page already has (a command's result) and drops any
 * poll on its way, which could be older.
 */
export const usePolled = <T>(
  load: () => Promise<T>,
  deps: DependencyList,
  { intervalMs = 3000, paused = false }: { intervalMs?: number; paused?: boolean } = {},
) => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' })
  const [generation, setGeneration] = useState(0)
  const epoch = useRef(0)
  const pausedRef = useRef(paused)
  useEffect(() => {
    pausedRef.current = paused
  }, [paused])
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` reads
  useEffect(() => {
    let alive = true
    let inFlight = false
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      if (inFlight || stopped) return
      inFlight = true
      const started = epoch.current
      try {
        const value = await load()
        if (alive && started === epoch.current) setLoaded({ state: 'ready', value })
      } catch (error) {
        if (final(error)) stopped = true
        if (alive && started === epoch.current) {
          setLoaded((previous) =>
            previous.state === 'ready' && !final(error) ? previous : { state: 'failed', error },
          )
        }
      } finally {
        inFlight = false
      }
    }
    const due = () => document.visibilityState === 'visible' && !pausedRef.current
    const schedule = () => {
      timer = setTimeout(async () => {
        if (due()) await poll()
        if (alive && !stopped) schedule()
      }, intervalMs)
    }
    const onVisibility = () => {
      if (due()) void poll()
    }
    void poll().then(() => {
      if (alive && !stopped) schedule()
    })
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      alive = false
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [...deps, generation, intervalMs])
  const reload = useCallback(() => setGeneration((value) => value + 1), [])
  const replace = useCallback((value: T) => {
    epoch.current += 1
    setLoaded({ state: 'ready', value })
  }, [])
  return { loaded, reload, replace }
}

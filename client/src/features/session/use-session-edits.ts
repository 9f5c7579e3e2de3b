import { useEffect, useState } from 'react'
import type { EditCounts } from '../../../../shared/src/schema/balance.js'
import { fetchSessionEdits } from '../../api/sessions.js'

/** How often the plan edits are asked for while the session runs: they are not in its room. */
const refreshMs = 10_000
const none: EditCounts = { added: {}, removed: {} }

/**
 * Plan text edited while the session runs, by the writers' groups then: asked for at once, then
 * every few seconds while `running`. A failed request keeps the last numbers.
 */
export const useSessionEdits = (sessionId: string, running: boolean): EditCounts => {
  const [edits, setEdits] = useState<EditCounts>(none)
  useEffect(() => {
    let current = true
    const load = () =>
      fetchSessionEdits(sessionId).then(
        (answer) => current && setEdits(answer.edits),
        () => undefined,
      )
    void load()
    const interval = running ? window.setInterval(load, refreshMs) : undefined
    return () => {
      current = false
      window.clearInterval(interval)
    }
  }, [sessionId, running])
  return edits
}

import { useCallback, useState } from 'react'
import type { SessionCommand } from '../../../../shared/src/schema/session.js'
import { type CommandAnswer, CommandError, sendCommand } from '../../api/sessions.js'
import { type Translate, useT } from '../../app/i18n/i18n.js'

/** What to tell the person when the server refuses a command. */
export const explainRefusal = (t: Translate, error: unknown): string => {
  if (error instanceof CommandError) {
    if (error.rule) return t(`session.rule.${error.rule}`)
    if (error.code === 'forbidden') return t('session.forbidden')
    if (error.code === 'offline') return t('common.offline')
  }
  return t('common.actionFailed')
}

/**
 * Sends session commands for one part of the page, remembering the last refusal so it can be
 * shown next to the control that caused it. It is translated when shown, so it follows a
 * language switch. The new state arrives through the room.
 */
export const useCommand = (sessionId: string) => {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<{ failure: unknown }>()
  const run = useCallback(
    async (command: SessionCommand): Promise<CommandAnswer | false> => {
      setBusy(true)
      setRefusal(undefined)
      try {
        return await sendCommand(sessionId, command)
      } catch (failure) {
        setRefusal({ failure })
        return false
      } finally {
        setBusy(false)
      }
    },
    [sessionId],
  )
  return {
    run,
    busy,
    error: refusal ? explainRefusal(t, refusal.failure) : undefined,
    clearError: () => setRefusal(undefined),
  }
}

import { useCallback, useState } from 'react'
import type { PollCommand } from '../../../../shared/src/schema/poll.js'
import { PollRule } from '../../../../shared/src/schema/poll.js'
import { ApiError } from '../../api/http.js'
import { pollReceipt, sendPollCommand } from '../../api/polls.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { explainRefusal } from '../session/use-command.js'

/**
 * Sends poll commands for one control, keeping the last refusal to show beside it (translated
 * when shown, so it follows a language switch).
 * A receipt that comes back is kept on this device: it is how an anonymous answer is changed.
 */
export const usePollCommand = (sessionId: string, participantId?: string) => {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const run = useCallback(
    async (command: PollCommand): Promise<boolean> => {
      setBusy(true)
      setError(undefined)
      try {
        const { poll, receipt } = await sendPollCommand(sessionId, command)
        if (receipt && participantId) pollReceipt.save(participantId, poll.id, receipt)
        return true
      } catch (failure) {
        const rule =
          failure instanceof ApiError
            ? PollRule.safeParse((failure.details as { rule?: unknown } | undefined)?.rule)
            : undefined
        setError({
          text: (t) => (rule?.success ? t(`poll.rule.${rule.data}`) : explainRefusal(t, failure)),
        })
        return false
      } finally {
        setBusy(false)
      }
    },
    [sessionId, participantId],
  )
  return { run, busy, error: error?.text(t) }
}

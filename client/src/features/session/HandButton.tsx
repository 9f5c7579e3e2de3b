import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'

/** The live session as one participant acts in it. */
export interface MySessionProps {
  sessionId: string
  live: SessionState
  myId: string
}

/** Raise or lower my hand; nothing while I have the floor (the caller says so its own way). */
export const HandButton = ({ sessionId, live, myId }: MySessionProps) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const raised = live.queue.some((hand) => hand.participantId === myId)
  if (live.speaker?.participantId === myId) return null
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => void run({ type: raised ? 'hand.lower' : 'hand.raise' })}
      >
        {raised ? t('session.lowerHand') : t('session.raiseHand')}
      </button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </>
  )
}

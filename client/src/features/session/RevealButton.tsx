import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'

/** Runners show the results of the open proposal that hides them, before closing it. */
export const RevealButton = ({
  sessionId,
  proposalId,
}: {
  sessionId: string
  proposalId: string
}) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run({ type: 'proposal.reveal', proposalId })}
      >
        {t('anonymous.reveal')}
      </button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </>
  )
}

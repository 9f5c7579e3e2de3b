import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { AnonymousTallyView } from './AnonymousTallyView.js'
import { useCommand } from './use-command.js'

/** An anonymous proposal's results: a notice until revealed (runners reveal), then the counts. */
export const AnonymousResults = ({
  sessionId,
  proposal,
  canReveal,
}: {
  sessionId: string
  proposal: NonNullable<SessionState['proposal']>
  canReveal: boolean
}) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const tally = proposal.anonymousView?.tally
  return (
    <div className="anonymous-results" data-testid="anonymous-results">
      <p className="muted" data-testid="anonymous-notice">
        {tally ? t('anonymous.revealed') : t('anonymous.notice')}
      </p>
      {tally ? <AnonymousTallyView tally={tally} /> : null}
      {!tally && canReveal ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run({ type: 'proposal.reveal', proposalId: proposal.id })}
        >
          {t('anonymous.reveal')}
        </button>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  )
}

import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { AnonymousTallyView } from './AnonymousTallyView.js'
import { RevealButton } from './RevealButton.js'

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
  const tally = proposal.anonymousView?.tally
  return (
    <div className="anonymous-results" data-testid="anonymous-results">
      <p className="muted" data-testid="anonymous-notice">
        {tally ? t('anonymous.revealed') : t('anonymous.notice')}
      </p>
      {tally ? <AnonymousTallyView tally={tally} /> : null}
      {!tally && canReveal ? <RevealButton sessionId={sessionId} proposalId={proposal.id} /> : null}
    </div>
  )
}

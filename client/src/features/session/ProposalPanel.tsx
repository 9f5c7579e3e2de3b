import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { Section } from '../../ui/Section.js'
import { FrozenVersion } from '../approved-text/FrozenVersion.js'
import { AnonymousResults } from './AnonymousResults.js'
import { ClauseQuote } from './ClauseQuote.js'
import { CloseProposalForm } from './CloseProposalForm.js'
import { OpenProposalForm } from './OpenProposalForm.js'
import { PositionForm } from './PositionForm.js'
import { PositionTally } from './PositionTally.js'
import { ResponseCount } from './ResponseCount.js'
import { RevealButton } from './RevealButton.js'
import { DecidedBy } from './RuleSuggestion.js'

/** The open proposal with my position and the live tally; runners open and close proposals. */
export const ProposalPanel = ({
  sessionId,
  workspaceId,
  live,
  myId,
  canRun,
  canTakePart,
}: {
  sessionId: string
  workspaceId: string
  live: SessionState
  myId: string
  canRun: boolean
  canTakePart: boolean
}) => {
  const t = useT()
  const proposal = live.proposal
  const running = live.status === 'running'
  return (
    <Section title={t('session.proposal')}>
      {proposal ? (
        <article className="proposal" data-testid="proposal">
          <h3 className="proposal__title">{proposal.title}</h3>
          <p className="proposal__text">{proposal.text}</p>
          <DecidedBy rule={proposal.rule} quorum={proposal.quorum} />
          {proposal.passage ? (
            <ClauseQuote
              heading={t('clause.onSession')}
              passage={proposal.passage}
              testId="proposal-clause"
            />
          ) : null}
          {proposal.documentId ? (
            <p>
              <Link href={paths.document(workspaceId, proposal.documentId)}>
                {t('session.openDocument')}
              </Link>
            </p>
          ) : null}
          {/* On a clause, positions are taken on the passage: the whole plan is a link away. */}
          {proposal.documentId && proposal.versionId && !proposal.passage ? (
            <FrozenVersion
              workspaceId={workspaceId}
              documentId={proposal.documentId}
              versionId={proposal.versionId}
              openedAt={proposal.openedAt}
            />
          ) : null}
          {canTakePart && running ? (
            <PositionForm key={proposal.id} sessionId={sessionId} proposal={proposal} myId={myId} />
          ) : null}
          <ResponseCount live={live} proposal={proposal} canRun={canRun} />
          {proposal.anonymous ? (
            <AnonymousResults
              sessionId={sessionId}
              proposal={proposal}
              canReveal={canRun && running}
            />
          ) : proposal.hidden ? (
            <>
              <p className="muted" data-testid="positions-hidden">
                {t('hidden.notice')}
              </p>
              {canRun && running ? (
                <RevealButton sessionId={sessionId} proposalId={proposal.id} />
              ) : null}
            </>
          ) : (
            <PositionTally proposal={proposal} />
          )}
          {canRun && running ? (
            <CloseProposalForm sessionId={sessionId} live={live} proposal={proposal} />
          ) : null}
        </article>
      ) : (
        <>
          <p className="muted">{t('session.noProposal')}</p>
          {canRun && running ? (
            <OpenProposalForm sessionId={sessionId} workspaceId={workspaceId} />
          ) : null}
        </>
      )}
    </Section>
  )
}

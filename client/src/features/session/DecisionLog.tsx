import type { RecordPeople } from '../../../../shared/src/schema/record-chain.js'
import type { ChainVerification, DecisionRecord } from '../../../../shared/src/schema/session.js'
import { verifyRecords } from '../../api/agreements.js'
import { fetchApprovedText, fetchDecisions } from '../../api/sessions.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { ApprovedTextView } from '../approved-text/ApprovedTextView.js'
import { ClauseQuote } from './ClauseQuote.js'
import { PositionList } from './PositionList.js'
import { DecidedBy, SuggestionLine } from './RuleSuggestion.js'

/**
 * The decisions this session recorded, reloaded whenever the room lists a new one, with the
 * verification of the workspace's record chain (decisions and signed agreements).
 */
export const DecisionLog = ({
  workspaceId,
  sessionId,
  decisionIds,
}: {
  workspaceId: string
  sessionId: string
  decisionIds: readonly string[]
}) => {
  const { t } = useI18n()
  const key = decisionIds.join(',')
  const [loaded] = useLoad(
    () => Promise.all([fetchDecisions(workspaceId), verifyRecords(workspaceId)]),
    [workspaceId, key],
  )
  const decisions =
    loaded.state === 'ready'
      ? loaded.value[0].decisions.filter((decision) => decision.sessionId === sessionId)
      : []
  const people = loaded.state === 'ready' ? loaded.value[0].people : {}
  return (
    <Section
      title={t('session.decisions')}
      actions={loaded.state === 'ready' ? <ChainBadge verification={loaded.value[1]} /> : null}
    >
      {loaded.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {loaded.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {loaded.state === 'ready' && decisions.length === 0 ? (
        <p className="muted">{t('session.noDecisions')}</p>
      ) : null}
      <ol className="decision-list">
        {decisions.map((decision) => (
          <DecisionItem
            key={decision.id}
            workspaceId={workspaceId}
            decision={decision}
            people={people}
          />
        ))}
      </ol>
    </Section>
  )
}

const ChainBadge = ({ verification }: { verification: ChainVerification }) => {
  const { t } = useI18n()
  return verification.ok ? (
    <span className="chain-badge chain-badge--ok" data-testid="chain-badge">
      {t('session.chainVerified')}
    </span>
  ) : (
    <span className="chain-badge chain-badge--broken" data-testid="chain-badge">
      {t('session.chainBroken', { sequence: verification.firstInvalid.sequence })}
    </span>
  )
}

const DecisionItem = ({
  workspaceId,
  decision,
  people,
}: {
  workspaceId: string
  decision: DecisionRecord
  /** Names beside the log, by person commitment. */
  people: RecordPeople
}) => {
  const { t, language } = useI18n()
  return (
    <li className={`decision decision--${decision.outcome}`} data-testid="decision">
      <h3 className="decision__title">{decision.title}</h3>
      <p className="decision__meta">
        {t('session.decisionMeta', {
          sequence: decision.sequence,
          outcome: t(`session.outcome.${decision.outcome}`),
          date: formatDateTime(decision.recordedAt, language),
        })}
      </p>
      <p className="decision__text">{decision.text}</p>
      {decision.suggestion ? (
        <>
          <DecidedBy rule={decision.suggestion.rule} quorum={decision.suggestion.quorum} />
          <SuggestionLine suggestion={decision.suggestion} />
        </>
      ) : null}
      {decision.adoptedOver ? (
        <p className="decision__over" data-testid="adopted-over">
          {t('session.adoptedOver', decision.adoptedOver)}
        </p>
      ) : null}
      {decision.dissent && decision.dissent.length > 0 ? (
        <>
          <h4>{t('session.dissent')}</h4>
          <PositionList
            positions={decision.dissent.map(({ person, ...entry }) => ({
              ...entry,
              participantId: person,
              name: people[person] ?? t('compare.formerParticipant'),
            }))}
            testId="dissent"
          />
        </>
      ) : null}
      {decision.passage ? (
        <ClauseQuote
          heading={t('clause.decided')}
          passage={decision.passage}
          testId="decision-clause"
        />
      ) : decision.versionId ? (
        <DecisionApprovedText workspaceId={workspaceId} decision={decision} />
      ) : null}
      <p className="decision__hash small muted">
        {t('session.decisionHash', { hash: decision.hash.slice(0, 16) })}
      </p>
    </li>
  )
}

/** The plan text the decision approved, compared with today's plan when the log loads. */
const DecisionApprovedText = ({
  workspaceId,
  decision,
}: {
  workspaceId: string
  decision: DecisionRecord
}) => {
  const { t } = useI18n()
  const [approved] = useLoad(
    () => fetchApprovedText(workspaceId, decision.id),
    [workspaceId, decision.id],
  )
  if (approved.state === 'loading') return <p className="loading">{t('common.loading')}</p>
  if (approved.state === 'failed') return <p className="muted">{t('approved.missing')}</p>
  return <ApprovedTextView approved={approved.value} contentHash={decision.contentHash} />
}

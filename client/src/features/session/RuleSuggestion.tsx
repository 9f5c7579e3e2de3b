import { type Suggestion, suggestOutcome } from '../../../../shared/src/schema/decision-rule.js'
import { presentNow, type SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { mayRespond } from './session-roles.js'

/** The rule a proposal is decided by, and its quorum. */
export const DecidedBy = ({ rule, quorum }: Pick<Suggestion, 'rule' | 'quorum'>) => {
  const t = useT()
  return (
    <p className="small" data-testid="decided-by">
      {t('session.decidedBy', { rule: t(`session.decisionRuleName.${rule}`) })}
      {quorum !== null ? ` · ${t('session.quorumValue', { quorum })}` : null}
    </p>
  )
}

/** What the rule suggests and the tally it counted: before closing, and in the decision log. */
export const SuggestionLine = ({ suggestion }: { suggestion: Suggestion }) => {
  const t = useT()
  return (
    <div className="rule-suggestion" data-testid="suggestion">
      <p>
        {t('session.suggests', {
          outcome: t(`session.outcome.${suggestion.outcome}`),
          basis: t(`session.basis.${suggestion.basis}`),
        })}
      </p>
      <p className="small muted">{t('session.tallyLine', suggestion.tally)}</p>
    </div>
  )
}

/** The suggestion for the open proposal, computed as the server will when it is closed. */
export const suggestionFor = (
  live: SessionState,
  proposal: NonNullable<SessionState['proposal']>,
): Suggestion =>
  suggestOutcome(
    proposal.rule,
    proposal.quorum,
    proposal.positions,
    mayRespond(live.attendance.filter(presentNow)).map((person) => person.participantId),
  )

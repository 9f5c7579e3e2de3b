import { type FormEvent, useState } from 'react'
import {
  isDissent,
  Outcome,
  type SessionState,
  type TakenPosition,
} from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { PositionList } from './PositionList.js'
import { SuggestionLine, suggestionFor } from './RuleSuggestion.js'
import { useCommand } from './use-command.js'

/** The blocks and objections as the facilitator was shown them, to confirm exactly those. */
interface Standing {
  dissent: TakenPosition[]
  blocks: number
  objections: number
}

const standing = (positions: readonly TakenPosition[]): Standing => {
  const dissent = positions.filter((position) => isDissent(position.value))
  const blocks = dissent.filter((position) => position.value === 'block').length
  return { dissent, blocks, objections: dissent.length - blocks }
}

/**
 * Runners close the open proposal with an outcome, and the server records the decision; or
 * withdraw it, which records no decision and frees the session to move on or end. Adopting over
 * blocks or objections asks first, naming them with their reasons.
 */
export const CloseProposalForm = ({
  sessionId,
  live,
  proposal,
}: {
  sessionId: string
  live: SessionState
  proposal: NonNullable<SessionState['proposal']>
}) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const [outcome, setOutcome] = useState<Outcome>('adopted')
  const [confirming, setConfirming] = useState<Standing>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const now = standing(proposal.positions)
    if (outcome === 'adopted' && now.dissent.length > 0) setConfirming(now)
    else void run({ type: 'proposal.close', outcome, proposalId: proposal.id })
  }
  const adoptOver = async ({ blocks, objections, dissent }: Standing) => {
    // The counts shown are the counts confirmed: one that came in meanwhile is refused and shown.
    await run({
      type: 'proposal.close',
      outcome: 'adopted',
      proposalId: proposal.id,
      over: dissent.map((entry) => entry.participantId),
      ...(blocks > 0 ? { overBlocks: blocks } : {}),
      ...(objections > 0 ? { overObjections: objections } : {}),
    })
    setConfirming(undefined)
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('session.close')}>
      <h3>{t('session.close')}</h3>
      <SuggestionLine suggestion={suggestionFor(live, proposal)} />
      <div className="inline-form">
        <Field label={t('session.outcome')}>
          {(props) => (
            <select
              {...props}
              value={outcome}
              onChange={(event) => setOutcome(Outcome.parse(event.target.value))}
            >
              {Outcome.options.map((value) => (
                <option key={value} value={value}>
                  {t(`session.outcome.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('session.closeSubmit')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          title={t('session.withdrawHint')}
          onClick={() => void run({ type: 'proposal.withdraw', proposalId: proposal.id })}
        >
          {t('session.withdraw')}
        </button>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ConfirmDialog
        open={confirming !== undefined}
        title={t('session.overTitle')}
        confirmLabel={t('session.overConfirm')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={() => confirming && void adoptOver(confirming)}
        onCancel={() => setConfirming(undefined)}
      >
        {confirming ? (
          <>
            <p>{t('session.overBody')}</p>
            <p data-testid="over-counts">
              <strong>
                {t('session.overCounts', {
                  blocks: confirming.blocks,
                  objections: confirming.objections,
                })}
              </strong>
            </p>
            <PositionList positions={confirming.dissent} testId="dissent" />
          </>
        ) : null}
      </ConfirmDialog>
    </form>
  )
}

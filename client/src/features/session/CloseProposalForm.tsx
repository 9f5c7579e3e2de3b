import { type FormEvent, useState } from 'react'
import { z } from 'zod'
import {
  isDissent,
  Outcome,
  type SessionState,
  type TakenPosition,
} from '../../../../shared/src/schema/session.js'
import { CommandError, sendCommand } from '../../api/sessions.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { ConfirmDialog } from '../../ui/ConfirmDialog.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { PositionList } from './PositionList.js'
import { SuggestionLine, suggestionFor } from './RuleSuggestion.js'
import { explainRefusal, useCommand } from './use-command.js'

/** The blocks and objections as the facilitator was shown them, to confirm exactly those. */
interface Standing {
  dissent: TakenPosition[]
  blocks: number
  objections: number
}

/** The counts a refusal to adopt names: all a facilitator learns of hidden positions before the close. */
const RefusedCounts = z.object({ blocks: z.number().int(), objections: z.number().int() })

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
  const [hiddenError, setHiddenError] = useState<{ text: Message }>()
  /**
   * Results hidden: the page holds no positions, so it asks the server to adopt; a refusal over
   * blocks or objections names their counts, which the facilitator then confirms.
   */
  const adoptHidden = async () => {
    setHiddenError(undefined)
    try {
      await sendCommand(sessionId, { type: 'proposal.close', outcome, proposalId: proposal.id })
    } catch (failure) {
      const counts = RefusedCounts.safeParse(
        failure instanceof CommandError ? failure.details : undefined,
      )
      const over =
        failure instanceof CommandError &&
        (failure.rule === 'unresolved_block' || failure.rule === 'unresolved_objection')
      if (over && counts.success) setConfirming({ dissent: [], ...counts.data })
      else setHiddenError({ text: (t) => explainRefusal(t, failure) })
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    // The page holds no positions of a hidden or anonymous proposal: the server counts them.
    if ((proposal.hidden || proposal.anonymous) && outcome === 'adopted') {
      void adoptHidden()
      return
    }
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
      // Hidden and anonymous positions were confirmed by their counts alone.
      ...(proposal.hidden || proposal.anonymous
        ? {}
        : { over: dissent.map((entry) => entry.participantId) }),
      ...(blocks > 0 ? { overBlocks: blocks } : {}),
      ...(objections > 0 ? { overObjections: objections } : {}),
    })
    setConfirming(undefined)
  }
  return (
    <form className="form form--boxed" onSubmit={submit} aria-label={t('session.close')}>
      <h3>{t('session.close')}</h3>
      {proposal.hidden || proposal.anonymous ? null : (
        <SuggestionLine suggestion={suggestionFor(live, proposal)} />
      )}
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
      {error || hiddenError ? <Notice tone="error">{error ?? hiddenError?.text(t)}</Notice> : null}
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
            <p>
              {proposal.hidden || proposal.anonymous ? t('hidden.overBody') : t('session.overBody')}
            </p>
            <p data-testid="over-counts">
              <strong>
                {t('session.overCounts', {
                  blocks: confirming.blocks,
                  objections: confirming.objections,
                })}
              </strong>
            </p>
            {proposal.hidden || proposal.anonymous ? null : (
              <PositionList positions={confirming.dissent} testId="dissent" />
            )}
          </>
        ) : null}
      </ConfirmDialog>
    </form>
  )
}

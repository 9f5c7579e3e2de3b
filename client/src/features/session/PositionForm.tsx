import { useId, useRef, useState } from 'react'
import { isDissent, Position, type SessionState } from '../../../../shared/src/schema/session.js'
import { positionReceipt } from '../../api/sessions.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'

/** Where the session's action bar leads (one proposal is open at a time). */
export const positionFormId = 'your-position'

/** My position on the open proposal: five buttons (the chosen one pressed) and a reason. */
export const PositionForm = ({
  sessionId,
  proposal,
  myId,
}: {
  sessionId: string
  proposal: NonNullable<SessionState['proposal']>
  myId: string
}) => {
  const t = useT()
  const id = useId()
  const { run, busy, error } = useCommand(sessionId)
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  // Said here before anything is sent; the server refuses it too (reason_required).
  const [missingReason, setMissingReason] = useState(false)
  // While results are hidden the room shows no one's position, mine included: keep what I sent.
  // On an anonymous proposal, this device keeps its position and the receipt that changes it.
  const [sent, setSent] = useState<{ value: Position; reason?: string } | undefined>(() => {
    const kept = proposal.anonymous ? positionReceipt.read(myId, proposal.id) : undefined
    return kept?.value ? { value: kept.value } : undefined
  })
  const mine = proposal.positions.find((position) => position.participantId === myId) ?? sent
  const [reason, setReason] = useState(mine?.reason ?? '')
  const take = (value: Position) => {
    const trimmed = reason.trim()
    if (isDissent(value) && !trimmed) {
      setMissingReason(true)
      reasonRef.current?.focus()
      return
    }
    setMissingReason(false)
    // Names the proposal and frozen version this page shows, so a position never lands on
    // another proposal or another text.
    const receipt = proposal.anonymous ? positionReceipt.toSend(myId, proposal.id) : undefined
    void run({
      type: 'position.take',
      value,
      proposalId: proposal.id,
      ...(trimmed ? { reason: trimmed } : {}),
      ...(proposal.versionId ? { versionId: proposal.versionId } : {}),
      ...(receipt ? { receipt } : {}),
    }).then((taken) => {
      if (!taken) return
      setSent({ value })
      if (taken.receipt) positionReceipt.save(myId, proposal.id, { receipt: taken.receipt, value })
    })
  }
  return (
    <fieldset className="position-form" id={positionFormId}>
      <legend>{t('session.yourPosition')}</legend>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('session.reason')}</label>
        <textarea
          id={`${id}-reason`}
          ref={reasonRef}
          aria-describedby={missingReason ? `${id}-hint ${id}-missing` : `${id}-hint`}
          aria-invalid={missingReason || undefined}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('session.reasonHint')}
        </p>
        {missingReason ? (
          <p className="field__error" id={`${id}-missing`} data-testid="reason-missing">
            {t('session.rule.reason_required')}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        {Position.options.map((value) => (
          <button
            key={value}
            type="button"
            className={`button position-button position-button--${value}`}
            aria-pressed={mine?.value === value}
            disabled={busy}
            onClick={() => take(value)}
          >
            {t(`session.position.${value}`)}
          </button>
        ))}
      </div>
      {mine ? (
        <p className="muted" data-testid="my-position">
          {t('session.positionTaken', { value: t(`session.position.${mine.value}`) })}
          {proposal.anonymous ? ` ${t('anonymous.changeHint')}` : null}
        </p>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </fieldset>
  )
}

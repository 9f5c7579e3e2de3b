import { useId, useState } from 'react'
import type { Party } from '../../../../shared/src/schema/mediation.js'
import type { BoardIssue } from '../../../../shared/src/ydoc/mediation-board.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { AddTextForm } from './AddTextForm.js'
import { explainBoardRefusal } from './explain-refusal.js'
import { InterestField } from './InterestField.js'

/**
 * What a board writer can do to one issue; absent for those who only read. Each change is a
 * command to the server: it resolves once accepted (the board room then brings the change) and
 * rejects with the server's refusal.
 */
export interface IssueEdits {
  /** Whether this writer states that party's interests: its representatives and the mediator. */
  speaksFor: (partyId: string) => boolean
  /** Whether this writer may remove what `by` put on the board: its author and the mediator. */
  mayRemove: (by: string) => boolean
  remove: () => Promise<void>
  setInterest: (partyId: string, value: string) => Promise<void>
  addOption: (text: string) => Promise<void>
  removeOption: (optionId: string) => Promise<void>
}

/** The issue itself, or one of its options. */
type Target = 'issue' | `option:${string}`

/** One issue of the board: each party's interests in it, and the options on the table. */
export const IssueCard = ({
  issue,
  parties,
  edits,
}: {
  issue: BoardIssue
  parties: readonly Party[]
  edits: IssueEdits | undefined
}) => {
  const t = useT()
  const id = useId()
  const titleId = `${id}-title`
  /** What is being removed: its button waits until the board drops it, or the server refuses. */
  const [removing, setRemoving] = useState<Target>()
  const [refusal, setRefusal] = useState<{ target: Target; message: string }>()
  const removeThen = async (target: Target, command: () => Promise<void>) => {
    setRemoving(target)
    setRefusal(undefined)
    try {
      await command()
    } catch (failure) {
      setRemoving(undefined)
      setRefusal({ target, message: explainBoardRefusal(t, failure, 'remove') })
    }
  }
  const refusalFor = (target: Target) =>
    refusal?.target === target ? <Notice tone="error">{refusal.message}</Notice> : null
  return (
    <li className="issue" data-testid="issue">
      <div className="issue__head">
        <h3 className="issue__title" id={titleId}>
          {issue.title}
        </h3>
        {edits?.mayRemove(issue.by) ? (
          <button
            type="button"
            className="button button--small button--danger"
            aria-describedby={titleId}
            disabled={removing === 'issue'}
            onClick={() => removeThen('issue', edits.remove)}
          >
            {t('mediation.removeIssue')}
          </button>
        ) : null}
      </div>
      {refusalFor('issue')}
      <h4>{t('mediation.interests')}</h4>
      {parties.length === 0 ? (
        <p className="muted small">{t('mediation.interestsNeedParties')}</p>
      ) : (
        <div className="issue__interests">
          {parties.map((party) =>
            edits?.speaksFor(party.id) ? (
              <InterestField
                key={party.id}
                label={t('mediation.interestsOf', { party: party.name })}
                value={issue.interests[party.id] ?? ''}
                onWrite={(value) => edits.setInterest(party.id, value)}
              />
            ) : (
              <dl key={party.id} className="interest">
                <dt>{t('mediation.interestsOf', { party: party.name })}</dt>
                <dd className={issue.interests[party.id] ? 'interest__text' : 'muted'}>
                  {issue.interests[party.id] || t('mediation.notStated')}
                </dd>
              </dl>
            ),
          )}
        </div>
      )}
      <h4>{t('mediation.options')}</h4>
      {issue.options.length === 0 ? (
        <p className="muted small">{t('mediation.noOptions')}</p>
      ) : null}
      <ul className="option-list">
        {issue.options.map((option) => {
          const target: Target = `option:${option.id}`
          return (
            <li key={option.id} className="option">
              <span id={`${id}-${option.id}`} className="option__text">
                {option.text}
              </span>
              {edits?.mayRemove(option.by) ? (
                <button
                  type="button"
                  className="button button--small button--link"
                  aria-describedby={`${id}-${option.id}`}
                  disabled={removing === target}
                  onClick={() => removeThen(target, () => edits.removeOption(option.id))}
                >
                  {t('mediation.removeOption')}
                </button>
              ) : null}
              {refusalFor(target)}
            </li>
          )
        })}
      </ul>
      {edits ? (
        <AddTextForm
          label={t('mediation.newOption')}
          button={t('mediation.addOption')}
          maxLength={500}
          onAdd={edits.addOption}
        />
      ) : null}
    </li>
  )
}

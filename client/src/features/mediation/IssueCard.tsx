import { useId } from 'react'
import type { Party } from '../../../../shared/src/schema/mediation.js'
import type { BoardIssue } from '../../../../shared/src/ydoc/mediation-board.js'
import { useT } from '../../app/i18n/i18n.js'
import { AddTextForm } from './AddTextForm.js'
import { InterestField } from './InterestField.js'

/** What a board writer can do to one issue; absent for those who only read. */
export interface IssueEdits {
  /** Whether this writer states that party's interests: its representatives and the mediator. */
  speaksFor: (partyId: string) => boolean
  remove: () => void
  setInterest: (partyId: string, value: string) => void
  addOption: (text: string) => void
  removeOption: (optionId: string) => void
}

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
  return (
    <li className="issue" data-testid="issue">
      <div className="issue__head">
        <h3 className="issue__title" id={titleId}>
          {issue.title}
        </h3>
        {edits ? (
          <button
            type="button"
            className="button button--small button--danger"
            aria-describedby={titleId}
            onClick={edits.remove}
          >
            {t('mediation.removeIssue')}
          </button>
        ) : null}
      </div>
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
        {issue.options.map((option) => (
          <li key={option.id} className="option">
            <span id={`${id}-${option.id}`} className="option__text">
              {option.text}
            </span>
            {edits ? (
              <button
                type="button"
                className="button button--small button--link"
                aria-describedby={`${id}-${option.id}`}
                onClick={() => edits.removeOption(option.id)}
              >
                {t('mediation.removeOption')}
              </button>
            ) : null}
          </li>
        ))}
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

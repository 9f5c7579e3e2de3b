import { useEffect, useRef } from 'react'
import type { PartyMember } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import type { TermProblems } from './explain.js'

/** The parties whose members may own a term: each party's representatives. */
export type OwnerParty = { id: string; name: string; members: readonly PartyMember[] }

/** Who may own a term: the parties' representatives, and the mediator (say, to convene a review). */
export const termOwners = (
  parties: readonly OwnerParty[],
  mediator: Participant,
  label: string,
): OwnerParty[] => [
  ...parties,
  {
    id: 'mediator',
    name: label,
    members: [{ participantId: mediator.id, name: mediator.displayName, group: mediator.group }],
  },
]

/** One term as typed: `key` only tells the rows apart while they are added and removed. */
export interface TermDraft {
  key: number
  text: string
  ownerId: string
  dueDate: string
}

/** The terms of an agreement being drafted: text, owner and due date per row. */
export const TermRows = ({
  terms,
  parties,
  problems,
  focusKey,
  onChange,
  onRemove,
}: {
  terms: readonly TermDraft[]
  parties: readonly OwnerParty[]
  /** What the server found wrong, by the row's `key`. */
  problems: ReadonlyMap<number, TermProblems>
  /** The row just added, whose text gets the focus. */
  focusKey: number | undefined
  onChange: (term: TermDraft) => void
  onRemove: (key: number) => void
}) => (
  <ol className="term-rows">
    {terms.map((term, index) => (
      <TermRow
        key={term.key}
        term={term}
        number={index + 1}
        parties={parties}
        problems={problems.get(term.key) ?? {}}
        focus={term.key === focusKey}
        removable={terms.length > 1}
        onChange={onChange}
        onRemove={() => onRemove(term.key)}
      />
    ))}
  </ol>
)

const TermRow = ({
  term,
  number,
  parties,
  problems,
  focus,
  removable,
  onChange,
  onRemove,
}: {
  term: TermDraft
  number: number
  parties: readonly OwnerParty[]
  problems: TermProblems
  focus: boolean
  removable: boolean
  onChange: (term: TermDraft) => void
  onRemove: () => void
}) => {
  const t = useT()
  const textRef = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (focus) textRef.current?.focus()
  }, [focus])
  return (
    <li className="term-row">
      <fieldset>
        <legend>{t('agreement.termLegend', { number })}</legend>
        <Field label={t('agreement.termText', { number })} error={problems.text}>
          {(props) => (
            <textarea
              {...props}
              ref={textRef}
              required
              rows={2}
              maxLength={2000}
              value={term.text}
              // A term is one line of the signed text: a line break typed here becomes a space.
              onChange={(event) =>
                onChange({ ...term, text: event.target.value.replace(/\s*[\r\n]+\s*/g, ' ') })
              }
            />
          )}
        </Field>
        <div className="form__row">
          <Field label={t('agreement.termOwner', { number })} error={problems.ownerId}>
            {(props) => (
              <select
                {...props}
                required
                value={term.ownerId}
                onChange={(event) => onChange({ ...term, ownerId: event.target.value })}
              >
                <option value="">{t('agreement.chooseOwner')}</option>
                {parties.map((party) => (
                  <optgroup key={party.id} label={party.name}>
                    {party.members.map((member) => (
                      <option key={member.participantId} value={member.participantId}>
                        {member.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('agreement.termDue', { number })} error={problems.dueDate}>
            {(props) => (
              <input
                {...props}
                type="date"
                required
                value={term.dueDate}
                onChange={(event) => onChange({ ...term, dueDate: event.target.value })}
              />
            )}
          </Field>
        </div>
        {removable ? (
          <button type="button" className="button button--small button--danger" onClick={onRemove}>
            {t('agreement.removeTerm')}
            <span className="visually-hidden"> {number}</span>
          </button>
        ) : null}
      </fieldset>
    </li>
  )
}

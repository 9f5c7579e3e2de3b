import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react'
import type { EditAgreementBody } from '../../../../shared/src/schema/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { explainAgreementError, type TermProblems, termProblemsOf } from './explain.js'
import { type OwnerParty, type TermDraft, TermRows } from './TermRows.js'

/** What the form starts from: nothing for a new agreement, the agreement for an edit. */
export interface AgreementStart {
  title: string
  preamble: string
  terms: readonly { text: string; ownerId: string; dueDate: string }[]
}

const empty: AgreementStart = { title: '', preamble: '', terms: [] }

/**
 * The mediator's form for an agreement: title, preamble and terms (text, owner among the
 * parties' members, due date). Drafting, editing a draft and drafting an amendment all use it.
 */
export const AgreementForm = ({
  heading,
  level = 3,
  start = empty,
  parties,
  note,
  onSubmit,
  onCancel,
}: {
  heading: string
  level?: 2 | 3
  start?: AgreementStart
  parties: readonly OwnerParty[]
  note?: ReactNode
  /** Throws what the server refused; the form explains it. */
  onSubmit: (body: EditAgreementBody) => Promise<void>
  onCancel: () => void
}) => {
  const t = useT()
  const headingId = useId()
  const nextKey = useRef(0)
  const owners = new Set(parties.flatMap((party) => party.members.map((m) => m.participantId)))
  const row = (term?: AgreementStart['terms'][number]): TermDraft => {
    nextKey.current += 1
    return {
      key: nextKey.current,
      text: term?.text ?? '',
      // An owner who is no longer in a party must be chosen again.
      ownerId: term && owners.has(term.ownerId) ? term.ownerId : '',
      dueDate: term?.dueDate ?? '',
    }
  }
  const [title, setTitle] = useState(start.title)
  const [preamble, setPreamble] = useState(start.preamble)
  const [terms, setTerms] = useState<TermDraft[]>(() =>
    start.terms.length > 0 ? start.terms.map((term) => row(term)) : [row()],
  )
  const [focusKey, setFocusKey] = useState<number>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  // What the server found wrong in a term, by row key: shown under the field until it changes.
  const [problems, setProblems] = useState<ReadonlyMap<number, TermProblems>>(new Map())
  const Heading = level === 2 ? 'h2' : 'h3'

  const addTerm = () => {
    const added = row()
    setTerms((current) => [...current, added])
    setFocusKey(added.key)
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setProblems(new Map())
    try {
      await onSubmit({
        title,
        preamble,
        terms: terms.map(({ text, ownerId, dueDate }) => ({ text, ownerId, dueDate })),
      })
    } catch (failure) {
      const byIndex = termProblemsOf(t, failure)
      const byKey = new Map<number, TermProblems>()
      for (const [index, problem] of byIndex) {
        const term = terms[index]
        if (term) byKey.set(term.key, problem)
      }
      setProblems(byKey)
      if (byKey.size === 0) setError({ text: (t) => explainAgreementError(t, failure) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="form form--boxed agreement-form" onSubmit={submit} aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      {note}
      <Field label={t('agreement.titleLabel')}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('agreement.preamble')} hint={t('agreement.preambleHint')}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={5000}
            value={preamble}
            onChange={(event) => setPreamble(event.target.value)}
          />
        )}
      </Field>
      <TermRows
        terms={terms}
        parties={parties}
        problems={problems}
        focusKey={focusKey}
        onChange={(changed) => {
          setTerms((current) => current.map((term) => (term.key === changed.key ? changed : term)))
          setProblems((current) => without(current, changed.key))
        }}
        onRemove={(key) => {
          setTerms((current) => current.filter((term) => term.key !== key))
          setProblems((current) => without(current, key))
        }}
      />
      <button type="button" className="button button--small" onClick={addTerm}>
        {t('agreement.addTerm')}
      </button>
      {problems.size > 0 ? (
        <Notice tone="error">{t('agreement.termsInvalid')}</Notice>
      ) : error ? (
        <Notice tone="error">{error.text(t)}</Notice>
      ) : null}
      <div className="agreement-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('agreement.saving') : t('agreement.saveDraft')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}

/** The problems with one row left out: it changed, so what the server said no longer holds. */
const without = (problems: ReadonlyMap<number, TermProblems>, key: number) => {
  if (!problems.has(key)) return problems
  const next = new Map(problems)
  next.delete(key)
  return next
}

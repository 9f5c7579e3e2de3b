import { type FormEvent, useState } from 'react'
import { type Contribution, ContributionKind } from '../../../../shared/src/schema/contribution.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { ChannelNote } from './ChannelNote.js'
import { useCommand } from './use-command.js'

/**
 * Comments and ideas said in the session, each counted for its speaker's group; those recorded
 * for someone not online show how they reached the room. Whoever takes part adds their own.
 */
export const ContributionsPanel = ({
  sessionId,
  live,
  canAdd,
}: {
  sessionId: string
  live: SessionState
  canAdd: boolean
}) => {
  const t = useT()
  const said = live.contributions ?? []
  return (
    <Section title={t('contributions.title')}>
      {said.length === 0 ? <p className="muted">{t('contributions.none')}</p> : null}
      <ul className="contributions" data-testid="contributions">
        {said.map((item) => (
          <ContributionItem key={item.id} item={item} />
        ))}
      </ul>
      {canAdd ? <AddContribution sessionId={sessionId} /> : null}
    </Section>
  )
}

const ContributionItem = ({ item }: { item: Contribution }) => {
  const t = useT()
  return (
    <li>
      <span className="tag">{t(`contributions.kind.${item.kind}`)}</span>{' '}
      <strong>{item.name}</strong> <GroupBadge group={item.group} />
      <ChannelNote channel={item.channel} recordedBy={item.recordedBy} />
      <p className="contributions__text">{item.text}</p>
    </li>
  )
}

const AddContribution = ({ sessionId }: { sessionId: string }) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const [kind, setKind] = useState<ContributionKind>('comment')
  const [text, setText] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    if (await run({ type: 'contribution.add', kind, text: text.trim() })) setText('')
  }
  return (
    <form className="contribution-form" onSubmit={submit}>
      <Field label={t('contributions.kind')}>
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(event) => setKind(ContributionKind.parse(event.target.value))}
          >
            {ContributionKind.options.map((option) => (
              <option key={option} value={option}>
                {t(`contributions.kind.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('contributions.text')}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={2000}
            required
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('contributions.add')}
      </button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </form>
  )
}

import { type FormEvent, useState } from 'react'
import { Channel } from '../../../../shared/src/schema/balance.js'
import {
  isDissent,
  Position,
  presentNow,
  type SessionCommand,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { fetchParticipants } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Field } from '../../ui/Field.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { takesPart } from './session-roles.js'
import { useCommand } from './use-command.js'

const What = ['position', 'comment', 'idea'] as const
type What = (typeof What)[number]

/**
 * For the facilitator: records what a participant without a device said (a position on the open
 * proposal, a comment or an idea), marked with how it reached the room. It counts for their
 * group; the server refuses it for anyone present online here (`speaks_for_themselves`).
 */
export const OnBehalfForm = ({
  workspaceId,
  sessionId,
  live,
}: {
  workspaceId: string
  sessionId: string
  live: SessionState
}) => {
  const t = useT()
  const [people] = useLoad(() => fetchParticipants(workspaceId), [workspaceId])
  const { run, busy, error } = useCommand(sessionId)
  const [participantId, setParticipantId] = useState('')
  const [channel, setChannel] = useState<Channel>('paper')
  const [what, setWhat] = useState<What>(live.proposal ? 'position' : 'comment')
  const [value, setValue] = useState<Position>('agree')
  const [text, setText] = useState('')
  const [done, setDone] = useState(false)
  const here = new Set(live.attendance.filter(presentNow).map((person) => person.participantId))
  // Those who may respond and are not here online: whoever is here speaks for themselves.
  const choices =
    people.state === 'ready'
      ? people.value.filter((person) => takesPart(person.role) && !here.has(person.id))
      : []
  const chosen = what === 'position' && !live.proposal ? 'comment' : what
  const needsText = chosen !== 'position' || isDissent(value)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setDone(false)
    if (!participantId || (needsText && !text.trim())) return
    const onBehalf = { participantId, channel }
    const command: SessionCommand =
      chosen === 'position'
        ? {
            type: 'position.take',
            value,
            onBehalf,
            ...(live.proposal ? { proposalId: live.proposal.id } : {}),
            ...(text.trim() ? { reason: text.trim() } : {}),
          }
        : { type: 'contribution.add', kind: chosen, text: text.trim(), onBehalf }
    if (await run(command)) {
      setText('')
      setDone(true)
    }
  }
  return (
    <Section title={t('onBehalf.title')}>
      <p className="muted">{t('onBehalf.hint')}</p>
      <form className="on-behalf" data-testid="on-behalf" onSubmit={submit}>
        <Field label={t('onBehalf.person')}>
          {(props) => (
            <select
              {...props}
              required
              value={participantId}
              onChange={(event) => setParticipantId(event.target.value)}
            >
              <option value="">{t('onBehalf.choose')}</option>
              {choices.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.displayName} ({t(`group.${person.group}`)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('onBehalf.channel')}>
          {(props) => (
            <select
              {...props}
              value={channel}
              onChange={(event) => setChannel(Channel.parse(event.target.value))}
            >
              {Channel.options.map((option) => (
                <option key={option} value={option}>
                  {t(`channel.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('onBehalf.what')}>
          {(props) => (
            <select
              {...props}
              value={chosen}
              onChange={(event) => setWhat(What.find((w) => w === event.target.value) ?? 'comment')}
            >
              {What.filter((option) => option !== 'position' || live.proposal).map((option) => (
                <option key={option} value={option}>
                  {t(`onBehalf.kind.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {chosen === 'position' ? (
          <Field label={t('onBehalf.position')}>
            {(props) => (
              <select
                {...props}
                value={value}
                onChange={(event) => setValue(Position.parse(event.target.value))}
              >
                {Position.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`session.position.${option}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={chosen === 'position' ? t('session.reason') : t('onBehalf.text')}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              maxLength={chosen === 'position' ? 1000 : 2000}
              required={needsText}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {t('onBehalf.record')}
        </button>
        {done ? <Notice tone="success">{t('onBehalf.recorded')}</Notice> : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
      </form>
    </Section>
  )
}

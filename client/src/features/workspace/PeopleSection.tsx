import { useState } from 'react'
import {
  type Participant,
  type Role,
  StakeholderGroup,
} from '../../../../shared/src/schema/people.js'
import { ApiError } from '../../api/http.js'
import { fetchParticipants, removeParticipant, updateParticipant } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { useLoad } from '../../app/use-load.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { PersonRow } from './PersonRow.js'
import { useNews } from './workspace-live.js'

type Outcome = { tone: 'success' | 'error'; text: Message } | undefined

/**
 * The people of the workspace, grouped by stakeholder group, so a facilitator sees at a glance
 * whether every group of the penta-helix is present, and who is online now. Facilitators change
 * roles and remove people here.
 */
export const PeopleSection = ({
  workspaceId,
  me,
  online,
  refreshKey,
  onMeChanged,
}: {
  workspaceId: string
  me: Participant
  online: ReadonlySet<string>
  refreshKey: number
  onMeChanged: () => void
}) => {
  const t = useT()
  const news = useNews('people')
  const [people, reload] = useLoad(
    () => fetchParticipants(workspaceId),
    [workspaceId, refreshKey, news],
  )
  const [outcome, setOutcome] = useState<Outcome>()
  const manage = me.role === 'facilitator'
  const list = people.state === 'ready' ? people.value : []
  const byGroup = new Map<StakeholderGroup, Participant[]>()
  for (const person of list) {
    byGroup.set(person.group, [...(byGroup.get(person.group) ?? []), person])
  }
  const onlineCount = list.filter((person) => online.has(person.id)).length

  const failed = (error: unknown) =>
    setOutcome({
      tone: 'error',
      text: (t) =>
        error instanceof ApiError && error.code === 'conflict'
          ? t('people.lastFacilitator')
          : t('common.actionFailed'),
    })
  const changeRole = async (person: Participant, role: Role) => {
    setOutcome(undefined)
    try {
      await updateParticipant(workspaceId, person.id, { role })
      setOutcome({
        tone: 'success',
        text: (t) => t('people.roleChanged', { name: person.displayName, role: t(`role.${role}`) }),
      })
      reload()
      if (person.id === me.id) onMeChanged()
    } catch (error) {
      failed(error)
    }
  }
  const remove = async (person: Participant) => {
    setOutcome(undefined)
    try {
      await removeParticipant(workspaceId, person.id)
      setOutcome({
        tone: 'success',
        text: (t) => t('people.removedNamed', { name: person.displayName }),
      })
      reload()
    } catch (error) {
      failed(error)
    }
  }

  return (
    <Section
      title={t('people.title')}
      actions={
        people.state === 'ready' ? (
          <span className="online-count" data-testid="online-count">
            <span className="online-dot" aria-hidden="true" />
            {t('people.onlineCount', { count: onlineCount })}
          </span>
        ) : null
      }
    >
      {people.state === 'loading' ? <Loading label={t('common.loading')} /> : null}
      {people.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {outcome ? <Notice tone={outcome.tone}>{outcome.text(t)}</Notice> : null}
      {StakeholderGroup.options
        .filter((group) => byGroup.has(group))
        .map((group) => (
          <div key={group} className="people-group">
            <h3 className={`people-group__title group-${group}`}>{t(`group.${group}`)}</h3>
            <ul className="people-list">
              {(byGroup.get(group) ?? []).map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  isMe={person.id === me.id}
                  online={online.has(person.id)}
                  manage={manage}
                  onRole={(role) => changeRole(person, role)}
                  onRemove={() => remove(person)}
                />
              ))}
            </ul>
          </div>
        ))}
      <p className="muted small">{t('people.presenceHint')}</p>
    </Section>
  )
}

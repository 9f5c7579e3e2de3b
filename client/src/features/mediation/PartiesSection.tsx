import { useState } from 'react'
import type { Mediation, Party } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { fetchParticipants } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { PartyForm } from './PartyForm.js'

/** Which form is open: none, a new party, or the party with this id. */
type Editing = undefined | 'new' | string

/** The sides of the dispute and who represents each; the mediator adds and edits them. */
export const PartiesSection = ({
  workspaceId,
  me,
  mediation,
  isMediator,
  onChanged,
}: {
  workspaceId: string
  me: Participant
  mediation: Mediation
  isMediator: boolean
  onChanged: () => void
}) => {
  const t = useT()
  const [editing, setEditing] = useState<Editing>()
  const [saved, setSaved] = useState<string>()
  const [people] = useLoad(
    () => (isMediator ? fetchParticipants(workspaceId) : Promise.resolve([])),
    [workspaceId, isMediator],
  )
  const candidates =
    people.state === 'ready'
      ? people.value
          .filter((person) => person.id !== mediation.mediatorId)
          .sort((a, b) => a.displayName.localeCompare(b.displayName))
      : []
  const { parties } = mediation
  const onSaved = (party: Party) => {
    setEditing(undefined)
    setSaved(t('mediation.partySaved', { name: party.name }))
    onChanged()
  }
  const form = (party?: Party) =>
    people.state === 'ready' ? (
      <PartyForm
        key={party?.id ?? 'new'}
        sessionId={mediation.sessionId}
        party={party}
        parties={parties}
        people={candidates}
        onSaved={onSaved}
        onCancel={() => setEditing(undefined)}
      />
    ) : people.state === 'failed' ? (
      <Notice tone="error">{t('common.loadFailed')}</Notice>
    ) : (
      <p className="loading">{t('common.loading')}</p>
    )
  return (
    <Section
      title={t('mediation.parties')}
      actions={
        isMediator && editing === undefined ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setSaved(undefined)
              setEditing('new')
            }}
          >
            {t('mediation.addParty')}
          </button>
        ) : null
      }
    >
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      {parties.length === 0 ? (
        <p className="muted">
          {isMediator ? t('mediation.noPartiesMediator') : t('mediation.noParties')}
        </p>
      ) : null}
      <ul className="party-list">
        {parties.map((party) => (
          <li key={party.id} className="party" data-testid="party">
            <div className="party__head">
              <h3 className="party__name">{party.name}</h3>
              {isMediator && editing === undefined ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setSaved(undefined)
                    setEditing(party.id)
                  }}
                >
                  {t('mediation.editParty', { name: party.name })}
                </button>
              ) : null}
            </div>
            <ul
              className="party__members"
              aria-label={t('mediation.partyMembers', { name: party.name })}
            >
              {party.members.map((member) => (
                <li key={member.participantId}>
                  {member.name}
                  {member.participantId === me.id ? ` (${t('people.you')})` : ''}{' '}
                  <GroupBadge group={member.group} />
                </li>
              ))}
            </ul>
            {editing === party.id ? form(party) : null}
          </li>
        ))}
      </ul>
      {editing === 'new' ? form() : null}
    </Section>
  )
}

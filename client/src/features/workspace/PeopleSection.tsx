import { type Participant, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { fetchParticipants } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'

/**
 * The people of the workspace, grouped by stakeholder group, so a facilitator sees at a glance
 * whether every group of the penta-helix is present. Who is online is shown per document, in
 * the editor's presence bar (see docs/client.md for why).
 */
export const PeopleSection = ({ workspaceId, meId }: { workspaceId: string; meId: string }) => {
  const t = useT()
  const [people] = useLoad(() => fetchParticipants(workspaceId), [workspaceId])
  const byGroup = new Map<StakeholderGroup, Participant[]>()
  if (people.state === 'ready') {
    for (const person of people.value) {
      byGroup.set(person.group, [...(byGroup.get(person.group) ?? []), person])
    }
  }
  return (
    <Section title={t('people.title')}>
      {people.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {people.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {StakeholderGroup.options
        .filter((group) => byGroup.has(group))
        .map((group) => (
          <div key={group} className="people-group">
            <h3 className={`people-group__title group-${group}`}>{t(`group.${group}`)}</h3>
            <ul className="people-list">
              {(byGroup.get(group) ?? []).map((person) => (
                <li key={person.id}>
                  <span className={`avatar group-${group}`} aria-hidden="true">
                    {person.displayName.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="people-list__name">
                    {person.displayName}
                    {person.id === meId ? ` (${t('people.you')})` : ''}
                  </span>
                  <span className="tag">{t(`role.${person.role}`)}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      <p className="muted small">{t('people.presenceHint')}</p>
    </Section>
  )
}

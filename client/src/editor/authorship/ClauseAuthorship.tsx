import type { CharactersByGroup } from '../../../../shared/src/schema/authorship.js'
import { fetchAuthorship } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { GroupLabel } from '../versions/ActivityList.js'
import { groupShares } from './group-shares.js'

/** How much of a clause each group wrote, largest first. */
export const ClauseGroups = ({
  byGroup,
  label,
}: {
  byGroup: CharactersByGroup
  label?: string
}) => (
  <span className="clause-list__groups">
    {label ? <span className="small muted">{label}</span> : null}
    {groupShares(byGroup).map(({ group, percent }) => (
      <span key={group}>
        <GroupLabel group={group} /> {percent}%
      </span>
    ))}
  </span>
)

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text)

/** The activity by clause: for each block of the live text, how much each group wrote of it. */
export const ClauseAuthorship = ({
  documentId,
  refreshKey,
}: {
  documentId: string
  refreshKey: number
}) => {
  const t = useT()
  const [authorship] = useLoad(() => fetchAuthorship(documentId), [documentId, refreshKey])
  return (
    <section className="clause-authorship" aria-labelledby="clause-authorship-heading">
      <h4 id="clause-authorship-heading" className="small">
        {t('authorship.byClause')}
      </h4>
      {authorship.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {authorship.state === 'failed' ? (
        <Notice tone="error">{t('common.loadFailed')}</Notice>
      ) : null}
      {authorship.state === 'ready' ? (
        <ol className="clause-list" data-testid="clause-authorship">
          {authorship.value.clauses.map((clause, index) =>
            clause.text ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: clauses are the plan's blocks in order
              <li key={index} value={index + 1}>
                <span className="clause-list__text">{excerpt(clause.text)}</span>
                <ClauseGroups byGroup={clause.byGroup} />
              </li>
            ) : null,
          )}
        </ol>
      ) : null}
    </section>
  )
}

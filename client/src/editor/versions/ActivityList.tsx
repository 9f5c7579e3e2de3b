import { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { type Activity, fetchActivity } from '../../api/versions.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { GroupBadge } from '../../features/people/GroupBadge.js'
import { Notice } from '../../ui/Notice.js'

/** Who edited the text and when, as editing sessions, and how much each group wrote. */
export const ActivityList = ({
  documentId,
  refreshKey,
}: {
  documentId: string
  refreshKey: number
}) => {
  const { t, language } = useI18n()
  const [activity] = useLoad(() => fetchActivity(documentId), [documentId, refreshKey])
  const when = (iso: string) => formatDateTime(iso, language)
  return (
    <section className="activity" aria-labelledby="activity-heading">
      <h3 id="activity-heading">{t('activity.title')}</h3>
      {activity.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {activity.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {activity.state === 'ready' ? <ActivityBody activity={activity.value} when={when} /> : null}
    </section>
  )
}

const ActivityBody = ({
  activity,
  when,
}: {
  activity: Activity
  when: (iso: string) => string
}) => {
  const { t } = useI18n()
  if (activity.sessions.length === 0) return <p className="muted">{t('activity.none')}</p>
  const groups = Object.entries(activity.byGroup).sort(([, a], [, b]) => b - a)
  return (
    <>
      <h4 className="small">{t('activity.sessions')}</h4>
      <ol className="activity-list" data-testid="activity">
        {[...activity.sessions].reverse().map((session) => (
          <li key={`${session.participantId}-${session.from}`}>
            <span className="activity__who">{session.displayName}</span>{' '}
            <GroupLabel group={session.group} />
            <br />
            <span className="small muted">
              <time dateTime={session.from}>{when(session.from)}</time>–
              <time dateTime={session.to}>{when(session.to)}</time> ·{' '}
              {t('activity.changes', { count: session.updates })}
            </span>
          </li>
        ))}
      </ol>
      <h4 className="small">{t('activity.byGroup')}</h4>
      <ul className="activity-groups">
        {groups.map(([group, count]) => (
          <li key={group}>
            <GroupLabel group={group} /> {t('activity.changes', { count })}
          </li>
        ))}
      </ul>
    </>
  )
}

export const GroupLabel = ({ group }: { group: string }) => {
  const parsed = StakeholderGroup.safeParse(group)
  return parsed.success ? <GroupBadge group={parsed.data} /> : <span className="tag">{group}</span>
}

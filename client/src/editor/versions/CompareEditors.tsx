import { fetchActivity } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { GroupLabel } from './ActivityList.js'

/**
 * Who edited the text between the two states compared, from the server's record of editing
 * sessions (to the minute): the people who made the changes shown.
 */
export const CompareEditors = ({
  documentId,
  between,
}: {
  documentId: string
  /** The two moments compared, in either order; undefined is now (the current text). */
  between: [string | undefined, string | undefined]
}) => {
  const t = useT()
  const [activity] = useLoad(() => fetchActivity(documentId), [documentId])
  if (activity.state !== 'ready') return null
  const now = new Date().toISOString()
  const [start, end] = between.map((at) => at ?? now).sort() as [string, string]
  const editors = new Map<string, { name: string; group: string }>()
  for (const session of activity.value.sessions) {
    if (session.to > start && session.from <= end) {
      editors.set(session.participantId, { name: session.displayName, group: session.group })
    }
  }
  return (
    <p className="compare__editors small" data-testid="compare-editors">
      {editors.size === 0 ? t('compare.noEditors') : `${t('compare.editors')} `}
      {[...editors].map(([id, editor], index) => (
        <span key={id}>
          {index > 0 ? ', ' : ''}
          {editor.name} <GroupLabel group={editor.group} />
        </span>
      ))}
    </p>
  )
}

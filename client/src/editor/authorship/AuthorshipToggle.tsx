import type { Editor } from '@tiptap/core'
import { useState } from 'react'
import type { PassageAuthor, PlanAuthorship } from '../../../../shared/src/schema/authorship.js'
import { fetchAuthorship } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { GroupLabel } from '../versions/ActivityList.js'
import { showAuthorship } from './authorship-overlay.js'
import { groupShares } from './group-shares.js'

/**
 * Turns the who-wrote-what overlay on the plan on and off. It shows the text as the server had
 * it when turned on (then follows edits); turning it off and on again reads it afresh.
 */
export const AuthorshipToggle = ({
  editor,
  documentId,
}: {
  editor: Editor
  documentId: string
}) => {
  const t = useT()
  const [shown, setShown] = useState<PlanAuthorship>()
  const [failed, setFailed] = useState(false)
  const label = (author: PassageAuthor) =>
    t(author.groupNow ? 'authorship.byGroupNow' : 'authorship.by', {
      name: author.displayName ?? t('compare.formerParticipant'),
      group: author.group === 'unknown' ? '?' : t(`group.${author.group}`),
    })
  const toggle = async () => {
    setFailed(false)
    if (shown) {
      editor.view.dispatch(showAuthorship(editor.state.tr, undefined))
      setShown(undefined)
      return
    }
    try {
      const authorship = await fetchAuthorship(documentId)
      editor.view.dispatch(showAuthorship(editor.state.tr, { authorship, label }))
      setShown(authorship)
    } catch {
      setFailed(true)
    }
  }
  return (
    <div className="authorship-bar">
      <button
        type="button"
        className="button button--small"
        aria-pressed={!!shown}
        onClick={toggle}
      >
        {t('authorship.toggle')}
      </button>
      {shown ? (
        <ul className="authorship-legend" aria-label={t('authorship.legend')}>
          {groupShares(shown.byGroup).map(({ group, percent }) => (
            <li key={group}>
              <GroupLabel group={group} /> {percent}%
            </li>
          ))}
        </ul>
      ) : null}
      {failed ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
    </div>
  )
}

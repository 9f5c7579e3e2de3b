import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { Version } from '../../../../shared/src/schema/version.js'
import {
  type RestoreNotice as Notice,
  readRestoreNotices,
  restoreNotices,
} from '../../../../shared/src/ydoc/restore-notices.js'
import { fetchVersions, live, restoreVersion } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import type { Comparison } from './CompareView.js'
import { usePeopleNames } from './use-people-names.js'

/** A restore is news for this long; after that the versions list tells the story. */
const newsMs = 10 * 60_000

/** The newest restore still news, if any, kept up to date as the room changes. */
const useLatestRestore = (doc: Y.Doc): Notice | undefined => {
  const [latest, setLatest] = useState<Notice>()
  useEffect(() => {
    const update = () => {
      const newest = readRestoreNotices(doc).at(-1)
      setLatest(newest && Date.now() - Date.parse(newest.at) < newsMs ? newest : undefined)
    }
    const map = restoreNotices(doc)
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return latest
}

/**
 * Tells everyone with the document open that someone restored a version: the text under their
 * caret was replaced. The person who restored can undo it (restore the version saved just
 * before); everyone else can compare with the text as it was. Writers of the text could write
 * into the room's notice map too, so a notice is shown only when the server's versions confirm
 * it: the version saved before the restore exists, by the person named.
 */
export const RestoreNotice = ({
  doc,
  document,
  me,
  canWrite,
  onCompare,
}: {
  doc: Y.Doc
  document: PlanDocument
  me: Participant
  canWrite: boolean
  onCompare: (comparison: Comparison) => void
}) => {
  const t = useT()
  const notice = useLatestRestore(doc)
  const names = usePeopleNames(document.workspaceId)
  const [versions, setVersions] = useState<{ restored: Version; before: Version }>()
  const [dismissed, setDismissed] = useState<string>()
  const [undoing, setUndoing] = useState(false)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    setVersions(undefined)
    setFailed(false)
    if (!notice) return
    let current = true
    fetchVersions(document.id).then(
      (list) => {
        const restored = list.find((version) => version.id === notice.version)
        const before = list.find((version) => version.id === notice.savedBefore)
        const confirmed =
          restored && before?.kind === 'before-restore' && before.createdBy === notice.by
        if (current && confirmed) setVersions({ restored, before })
      },
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [notice, document.id])
  if (!notice || !versions || dismissed === notice.savedBefore) return null
  const mine = notice.by === me.id
  const name = versions.restored.name
  const undo = async () => {
    setUndoing(true)
    setFailed(false)
    try {
      await restoreVersion(document.id, versions.before.id)
    } catch {
      setFailed(true)
    }
    setUndoing(false)
  }
  return (
    <div className="notice notice--info restore-notice" role="status" data-testid="restore-notice">
      <p>
        {mine
          ? t('restore.byMe', { name })
          : t('restore.byOther', {
              person: names.get(notice.by) ?? t('versions.someone'),
              name,
            })}{' '}
        {t('restore.kept')}
      </p>
      {failed ? <p>{t('common.actionFailed')}</p> : null}
      <div className="restore-notice__actions">
        {mine && canWrite ? (
          <button type="button" className="button button--small" disabled={undoing} onClick={undo}>
            {t('restore.undo')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              onCompare({
                from: versions.before.id,
                to: live,
                fromLabel: versions.before.name,
                toLabel: t('versions.current'),
                fromAt: versions.before.createdAt,
              })
            }
          >
            {t('restore.compare')}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={() => setDismissed(notice.savedBefore)}
        >
          {t('restore.dismiss')}
        </button>
      </div>
    </div>
  )
}

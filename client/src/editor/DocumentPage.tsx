import { useState } from 'react'
import type { PlanDocument } from '../../../shared/src/schema/document.js'
import type { Participant } from '../../../shared/src/schema/people.js'
import { fetchDocument } from '../api/documents.js'
import { ApiError } from '../api/http.js'
import { fetchMe } from '../api/workspaces.js'
import { useT } from '../app/i18n/i18n.js'
import { Link } from '../app/router.js'
import { paths } from '../app/routes.js'
import { useLoad } from '../app/use-load.js'
import { useRememberWorkspace } from '../features/workspace/joined-workspaces.js'
import { Loading } from '../ui/Loading.js'
import { Notice } from '../ui/Notice.js'
import { DocumentEditor } from './DocumentEditor.js'
import { RejectedChanges } from './RejectedChanges.js'
import { useDocumentRooms } from './use-document-rooms.js'
import { useUnsentText } from './use-unsent-text.js'

/**
 * `/w/<id>/d/<documentId>`, loaded on demand. Who I am and which rooms the document has come from
 * the API (the service worker answers from its cache when offline, so a reload still works).
 */
export const DocumentPage = ({
  workspaceId,
  documentId,
}: {
  workspaceId: string
  documentId: string
}) => {
  const t = useT()
  const [loaded] = useLoad(
    () => Promise.all([fetchMe(workspaceId), fetchDocument(workspaceId, documentId)]),
    [workspaceId, documentId],
  )
  useRememberWorkspace(loaded.state === 'ready' ? loaded.value[0].workspace : undefined)
  if (loaded.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (loaded.state === 'failed') {
    const error = loaded.error
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('editor.unavailable')}</h1>
        <Notice tone="error">
          {error instanceof ApiError && error.code === 'offline'
            ? t('editor.offlineNeverOpened')
            : error instanceof ApiError && error.code === 'unauthorized'
              ? t('workspace.notMember')
              : t('common.loadFailed')}
        </Notice>
        <p>
          <Link href={paths.workspace(workspaceId)}>{t('editor.back')}</Link>
        </p>
      </main>
    )
  }
  const [me, document] = loaded.value
  return <OpenDocument document={document} me={me.participant} />
}

const OpenDocument = ({
  document: opened,
  me: first,
}: {
  document: PlanDocument
  me: Participant
}) => {
  const t = useT()
  const [me, setMe] = useState(first)
  const [document, setDocument] = useState(opened)
  // A role change (or whether commenters may suggest) closes the sockets with 4500: ask again
  // who I am and what the document allows, so the page follows at once.
  const rooms = useDocumentRooms(opened, () => {
    fetchMe(opened.workspaceId).then(
      (answer) => setMe(answer.participant),
      () => undefined,
    )
    fetchDocument(opened.workspaceId, opened.id).then(setDocument, () => undefined)
  })
  const openRooms = rooms.state === 'open' ? rooms.rooms : undefined
  const unsent = useUnsentText(openRooms?.text, me, document)
  if (rooms.state === 'removed' || rooms.state === 'refused') {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('editor.unavailable')}</h1>
        <Notice tone="error">
          {rooms.state === 'removed' ? t('editor.removed') : t('editor.refused')}
        </Notice>
        <p>
          <Link href={paths.start()}>{t('notFound.back')}</Link>
        </p>
      </main>
    )
  }
  if (rooms.state === 'rejected' || unsent) {
    const discard =
      rooms.state === 'rejected' ? rooms.discard : () => openRooms?.text.discardLocalCopy()
    return (
      <RejectedChanges discard={async () => await discard?.()}>
        {unsent ? <p>{t('editor.unsentReadOnly')}</p> : null}
        <p>
          <Link href={paths.workspace(document.workspaceId)}>{t('editor.back')}</Link>
        </p>
      </RejectedChanges>
    )
  }
  if (rooms.state === 'opening') return <Loading label={t('common.loading')} />
  return (
    <DocumentEditor
      document={document}
      me={me}
      roleChanged={me.role !== first.role}
      rooms={rooms.rooms}
      onDocumentChanged={setDocument}
    />
  )
}

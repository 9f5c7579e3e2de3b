import { useState } from 'react'
import type { Caucus } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { ApiError } from '../../api/http.js'
import { fetchCaucus } from '../../api/mediation.js'
import { fetchMe } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { usePolled } from '../../app/use-polled.js'
import { RejectedChanges } from '../../editor/RejectedChanges.js'
import { useDocumentRooms } from '../../editor/use-document-rooms.js'
import { Notice } from '../../ui/Notice.js'
import { CaucusEditor } from './CaucusEditor.js'
import './mediation.css'
import { Loading } from '../../ui/Loading.js'

/** How often the caucus is asked for again, so closing it makes it read-only for everyone. */
const refreshMs = 4000

/**
 * `/w/<id>/c/<caucusId>`: a private caucus, for the mediator and one party only. Its text and
 * notes are opened live and never stored on this device (the rooms are private: see `openRoom`).
 */
export const CaucusPage = ({
  workspaceId,
  caucusId,
}: {
  workspaceId: string
  caucusId: string
}) => {
  const t = useT()
  const [me, reloadMe] = useLoad(() => fetchMe(workspaceId), [workspaceId])
  const { loaded: caucus } = usePolled(() => fetchCaucus(caucusId), [caucusId], {
    intervalMs: refreshMs,
  })
  if (me.state === 'loading' || caucus.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (me.state === 'failed' || caucus.state === 'failed') {
    const error = me.state === 'failed' ? me.error : caucus.state === 'failed' ? caucus.error : null
    return <CaucusUnavailable workspaceId={workspaceId} reason={reasonOf(error)} />
  }
  if (!caucus.value.canEnter) {
    return (
      <CaucusUnavailable
        workspaceId={workspaceId}
        reason="private"
        sessionId={caucus.value.sessionId}
      />
    )
  }
  return (
    <OpenCaucus
      key={caucus.value.id}
      workspaceId={workspaceId}
      caucus={caucus.value}
      me={me.value.participant}
      onPermissionsChanged={reloadMe}
    />
  )
}

const OpenCaucus = ({
  workspaceId,
  caucus,
  me,
  onPermissionsChanged,
}: {
  workspaceId: string
  caucus: Caucus
  me: Participant
  onPermissionsChanged: () => void
}) => {
  const t = useT()
  const [first] = useState(me)
  const rooms = useDocumentRooms(
    { workspaceId, room: caucus.room, commentsRoom: caucus.notesRoom },
    onPermissionsChanged,
  )
  if (rooms.state === 'removed') {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('caucus.unavailable')}</h1>
        <Notice tone="error">{t('editor.removed')}</Notice>
        <p>
          <Link href={paths.start()}>{t('notFound.back')}</Link>
        </p>
      </main>
    )
  }
  if (rooms.state === 'refused') {
    return (
      <CaucusUnavailable workspaceId={workspaceId} reason="private" sessionId={caucus.sessionId} />
    )
  }
  if (rooms.state === 'rejected') {
    return (
      <RejectedChanges discard={rooms.discard}>
        <p>
          <Link href={paths.session(workspaceId, caucus.sessionId)}>{t('caucus.back')}</Link>
        </p>
      </RejectedChanges>
    )
  }
  if (rooms.state === 'opening') return <Loading label={t('common.loading')} />
  return (
    <CaucusEditor
      workspaceId={workspaceId}
      caucus={caucus}
      me={me}
      roleChanged={me.role !== first.role}
      rooms={rooms.rooms}
    />
  )
}

type Reason = 'private' | 'notFound' | 'notMember' | 'offline' | 'failed'

const reasonOf = (error: unknown): Reason => {
  if (!(error instanceof ApiError)) return 'failed'
  switch (error.code) {
    case 'forbidden':
      return 'private'
    case 'not_found':
      return 'notFound'
    case 'unauthorized':
      return 'notMember'
    case 'offline':
      return 'offline'
    default:
      return 'failed'
  }
}

/** Not allowed (a caucus is private), not found, or not reachable: said plainly. */
const CaucusUnavailable = ({
  workspaceId,
  reason,
  sessionId,
}: {
  workspaceId: string
  reason: Reason
  sessionId?: string
}) => {
  const t = useT()
  const [title, body] = {
    private: [t('caucus.privateTitle'), t('caucus.privateBody')],
    notFound: [t('caucus.notFoundTitle'), t('caucus.notFoundBody')],
    notMember: [t('caucus.unavailable'), t('workspace.notMember')],
    offline: [t('caucus.unavailable'), t('caucus.offline')],
    failed: [t('caucus.unavailable'), t('common.loadFailed')],
  }[reason]
  return (
    <main id="main" className="page page--narrow">
      <h1>{title}</h1>
      <Notice tone={reason === 'private' ? 'info' : 'error'}>{body}</Notice>
      <p>
        {sessionId ? (
          <Link href={paths.session(workspaceId, sessionId)}>{t('caucus.back')}</Link>
        ) : (
          <Link href={paths.workspace(workspaceId)}>{t('caucus.backToWorkspace')}</Link>
        )}
      </p>
    </main>
  )
}

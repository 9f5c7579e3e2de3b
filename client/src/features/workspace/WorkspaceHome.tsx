import { useEffect, useState } from 'react'
import type { Me } from '../../../../shared/src/schema/workspace.js'
import { ApiError } from '../../api/http.js'
import { fetchMe } from '../../api/workspaces.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link, navigate } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'
import { Loading } from '../../ui/Loading.js'
import { Notice } from '../../ui/Notice.js'
import { AgreementsOverview } from '../agreement/AgreementsOverview.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { SessionsSection } from '../session/SessionsSection.js'
import { WorkspaceBalanceSection } from '../session/WorkspaceBalanceSection.js'
import { SignInButton } from '../sign-in/SignInButton.js'
import { SignInSection } from '../sign-in/SignInSection.js'
import { AuditSection } from './AuditSection.js'
import { DocumentsSection } from './DocumentsSection.js'
import { InvitesSection } from './InvitesSection.js'
import { forgetWorkspace, useRememberWorkspace } from './joined-workspaces.js'
import { LanguageSection } from './LanguageSection.js'
import { leaveWorkspace } from './leave-workspace.js'
import { PeopleSection } from './PeopleSection.js'
import { PublicationSection } from './PublicationSection.js'
import { WebhooksSection } from './WebhooksSection.js'
import { useOnline, useWorkspaceLive } from './workspace-live.js'

/**
 * `/w/<id>`: the workspace's documents, sessions, agreements and their follow-up, people (who is
 * online, from the workspace's presence room) and, for facilitators, invites, publication and
 * audit.
 */
export const WorkspaceHome = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  // The server says my role changed: who I am is stale.
  const permissionsRevision = useWorkspaceLive()?.permissionsRevision ?? 0
  const [me, reloadMe] = useLoad(() => fetchMe(workspaceId), [workspaceId, permissionsRevision])
  const notMember =
    me.state === 'failed' &&
    me.error instanceof ApiError &&
    (me.error.code === 'unauthorized' || me.error.code === 'not_found')
  useEffect(() => {
    if (notMember) forgetWorkspace(workspaceId)
  }, [notMember, workspaceId])
  useRememberWorkspace(me.state === 'ready' ? me.value.workspace : undefined)

  if (me.state === 'loading') {
    return (
      <main id="main" className="page">
        <Loading label={t('common.loading')} />
      </main>
    )
  }
  if (me.state === 'failed') {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('workspace.unavailable')}</h1>
        <Notice tone="error">
          {notMember ? t('workspace.notMember') : t('workspace.loadFailed')}
        </Notice>
        {notMember ? (
          <SignInButton
            workspaceId={workspaceId}
            hint={(name) => t('signIn.returnHint', { name })}
          />
        ) : null}
        <p>
          <Link href={paths.start()}>{t('notFound.back')}</Link>
        </p>
      </main>
    )
  }
  return <WorkspaceContent me={me.value} reloadMe={reloadMe} />
}

const WorkspaceContent = ({ me, reloadMe }: { me: Me; reloadMe: () => void }) => {
  const t = useT()
  const { workspace, participant } = me
  const facilitator = participant.role === 'facilitator'
  const [leaving, setLeaving] = useState(false)
  const live = useWorkspaceLive()
  const online = useOnline(participant.id)
  const leave = async () => {
    if (!window.confirm(t('workspace.leaveConfirm'))) return
    setLeaving(true)
    await leaveWorkspace(workspace.id, { endSession: true })
    navigate(paths.start())
  }
  if (live?.removed) {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t('workspace.unavailable')}</h1>
        <Notice tone="error">{t('workspace.removed')}</Notice>
        <p>
          <Link href={paths.start()}>{t('notFound.back')}</Link>
        </p>
      </main>
    )
  }
  return (
    <main id="main" className="page">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('workspace.eyebrow')}</p>
          <h1>{workspace.name}</h1>
          {workspace.description ? <p className="lead">{workspace.description}</p> : null}
          <p className="you">
            {t('workspace.you', {
              name: participant.displayName,
              role: t(`role.${participant.role}`),
            })}{' '}
            <GroupBadge group={participant.group} />
          </p>
        </div>
        <button type="button" className="button" onClick={leave} disabled={leaving}>
          {t('workspace.leave')}
        </button>
      </div>
      <div className="home-grid">
        <div className="home-grid__main">
          <DocumentsSection workspaceId={workspace.id} role={participant.role} />
          <SessionsSection workspaceId={workspace.id} role={participant.role} />
          <WorkspaceBalanceSection workspaceId={workspace.id} />
          <AgreementsOverview workspaceId={workspace.id} />
          {facilitator ? <InvitesSection workspaceId={workspace.id} /> : null}
          {facilitator ? <SignInSection workspaceId={workspace.id} /> : null}
          {facilitator ? <PublicationSection workspaceId={workspace.id} /> : null}
          {facilitator ? <AuditSection workspaceId={workspace.id} /> : null}
          {facilitator ? <WebhooksSection workspaceId={workspace.id} /> : null}
          <LanguageSection workspace={workspace} canChange={facilitator} onChanged={reloadMe} />
        </div>
        <PeopleSection
          workspaceId={workspace.id}
          me={participant}
          online={online}
          refreshKey={live?.permissionsRevision ?? 0}
          onMeChanged={reloadMe}
        />
      </div>
    </main>
  )
}

import type { Participant } from '../../../../shared/src/schema/people.js'
import { fetchMediation } from '../../api/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import { usePolled } from '../../app/use-polled.js'
import { Notice } from '../../ui/Notice.js'
import { AgreementsSection } from '../agreement/AgreementsSection.js'
import { CaucusesSection } from './CaucusesSection.js'
import { IssueBoard } from './IssueBoard.js'
import { PartiesSection } from './PartiesSection.js'
import './mediation.css'
import { useNews } from '../workspace/workspace-live.js'

/** How often the mediation is asked for again, so a new party or caucus appears for everyone. */
const refreshMs = 4000

/**
 * What a mediation session adds to the session page: its parties, its private caucuses, the
 * issues and options board and its agreements. Only the mediator changes parties and caucuses.
 */
export const MediationPanel = ({
  workspaceId,
  sessionId,
  me,
}: {
  workspaceId: string
  sessionId: string
  me: Participant
}) => {
  const t = useT()
  // The server's news brings others' changes at once; polling remains the fallback.
  const news = useNews('mediations')
  const { loaded, reload } = usePolled(() => fetchMediation(sessionId), [sessionId, news], {
    intervalMs: refreshMs,
  })
  if (loaded.state === 'loading') return <p className="loading">{t('common.loading')}</p>
  if (loaded.state === 'failed') return <Notice tone="error">{t('common.loadFailed')}</Notice>
  const mediation = loaded.value
  const isMediator = me.id === mediation.mediatorId
  return (
    <div className="mediation" data-testid="mediation">
      <div className="mediation__grid">
        <PartiesSection
          workspaceId={workspaceId}
          me={me}
          mediation={mediation}
          isMediator={isMediator}
          onChanged={reload}
        />
        <CaucusesSection
          workspaceId={workspaceId}
          mediation={mediation}
          isMediator={isMediator}
          onChanged={reload}
        />
      </div>
      <IssueBoard workspaceId={workspaceId} me={me} mediation={mediation} />
      <AgreementsSection
        workspaceId={workspaceId}
        sessionId={sessionId}
        me={me}
        mediation={mediation}
      />
    </div>
  )
}

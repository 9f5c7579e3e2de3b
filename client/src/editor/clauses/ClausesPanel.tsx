import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { type ClauseDraft, ProposeClauseForm } from './ProposeClauseForm.js'
import type { ShownClause } from './use-clauses.js'

/** One clause put to consent: its status, the text proposed, and the live text if it differs. */
const ClauseItem = ({ clause, workspaceId }: { clause: ShownClause; workspaceId: string }) => {
  const t = useT()
  const { status } = clause
  return (
    <li className="clause-item" data-testid="clause-item" data-clause-id={clause.id}>
      <p className="clause-item__head">
        <span className={`clause-badge clause-badge--${clause.tone}`}>{clause.label}</span>{' '}
        <Link href={paths.session(workspaceId, status.sessionId)}>{status.title}</Link>
      </p>
      <blockquote className="clause-quote" aria-label={t('clause.onSession')}>
        {status.passage.text}
      </blockquote>
      {clause.changed ? (
        <p className="clause-item__changed" role="note">
          {clause.liveText === undefined
            ? t('clause.gone')
            : t('clause.changed', { text: clause.liveText })}
        </p>
      ) : null}
    </li>
  )
}

/** The plan's clauses put to consent, and the form that puts the selection to consent. */
export const ClausesPanel = ({
  document,
  clauses,
  loaded,
  draft,
  onDraftDone,
}: {
  document: PlanDocument
  clauses: ShownClause[]
  loaded: boolean
  draft: ClauseDraft | undefined
  onDraftDone: (opened: boolean) => void
}) => {
  const t = useT()
  return (
    <div className="clauses-panel">
      {draft ? (
        <ProposeClauseForm
          key={draft.anchorStart.join(',')}
          document={document}
          draft={draft}
          onDone={() => onDraftDone(true)}
          onCancel={() => onDraftDone(false)}
        />
      ) : null}
      {loaded && clauses.length === 0 ? <p className="muted">{t('clause.none')}</p> : null}
      <ul className="clause-list">
        {clauses.map((clause) => (
          <ClauseItem key={clause.id} clause={clause} workspaceId={document.workspaceId} />
        ))}
      </ul>
    </div>
  )
}

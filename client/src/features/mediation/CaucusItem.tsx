import { useId, useState } from 'react'
import type { Caucus } from '../../../../shared/src/schema/mediation.js'
import { closeCaucus } from '../../api/mediation.js'
import { formatDateTime } from '../../app/format.js'
import { useI18n } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { Notice } from '../../ui/Notice.js'
import { caucusTitle } from './caucus-title.js'
import { explainMediationRefusal } from './explain-refusal.js'

/**
 * One caucus as the session sees it: that it takes place, with whom, when. Those who may enter
 * get a link to it; everyone else sees it marked private. The mediator closes an open one.
 */
export const CaucusItem = ({
  workspaceId,
  caucus,
  isMediator,
  onChanged,
}: {
  workspaceId: string
  caucus: Caucus
  isMediator: boolean
  onChanged: () => void
}) => {
  const { t, language } = useI18n()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const time = (at: string) => formatDateTime(at, language)
  const open = caucus.status === 'open'
  const title = caucusTitle(t, caucus)
  const close = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await closeCaucus(caucus.id)
      onChanged()
    } catch (failure) {
      setError({ text: (t) => explainMediationRefusal(t, failure) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <li className={`caucus caucus--${caucus.status}`} data-testid="caucus">
      <div className="caucus__head">
        <span className="caucus__title" id={`${id}-title`}>
          {caucus.canEnter ? (
            <Link href={paths.caucus(workspaceId, caucus.id)}>{title}</Link>
          ) : (
            title
          )}
        </span>
        <span className={`status-tag status-tag--${caucus.status}`}>
          {open ? t('mediation.statusOpen') : t('mediation.statusClosed')}
        </span>
        {caucus.canEnter ? null : (
          <span className="status-tag status-tag--private">{t('mediation.private')}</span>
        )}
      </div>
      <p className="caucus__meta">
        {/* An untitled caucus already names its party. */}
        {caucus.title ? `${t('mediation.caucusWith', { party: caucus.partyName })} · ` : ''}
        {t('mediation.openedAt', { time: time(caucus.openedAt) })}
        {caucus.closedAt ? `, ${t('mediation.closedAt', { time: time(caucus.closedAt) })}` : ''}
      </p>
      {caucus.canEnter ? null : (
        <p className="caucus__meta">{t('mediation.privateHint', { party: caucus.partyName })}</p>
      )}
      {isMediator && open ? (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          aria-describedby={`${id}-title`}
          onClick={() => void close()}
        >
          {t('mediation.closeCaucus')}
        </button>
      ) : null}
      {error ? <Notice tone="error">{error.text(t)}</Notice> : null}
    </li>
  )
}

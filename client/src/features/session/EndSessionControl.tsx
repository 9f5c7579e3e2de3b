import { useState } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { useCommand } from './use-command.js'

/** Ending is final, so it asks once more, in the page (no browser dialog). */
export const EndSessionControl = ({ sessionId }: { sessionId: string }) => {
  const t = useT()
  const { run, busy, error } = useCommand(sessionId)
  const [asking, setAsking] = useState(false)
  return (
    <div className="end-session">
      {asking ? (
        <div className="end-session__confirm">
          <p>{t('session.endConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={async () => {
                if (await run({ type: 'session.end' })) setAsking(false)
              }}
            >
              {t('session.endConfirmButton')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          {t('session.end')}
        </button>
      )}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  )
}

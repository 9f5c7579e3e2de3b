import { useState } from 'react'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import { updateDocument } from '../../api/documents.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'

/** The facilitator lets commenters of this document suggest changes, or stops them. */
export const CommentersMaySuggest = ({
  document,
  onChanged,
}: {
  document: PlanDocument
  onChanged: (document: PlanDocument) => void
}) => {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const change = async (on: boolean) => {
    setBusy(true)
    setFailed(false)
    try {
      onChanged(
        await updateDocument(document.workspaceId, document.id, { commentersMaySuggest: on }),
      )
    } catch {
      setFailed(true)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="commenters-may-suggest">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={document.commentersMaySuggest}
          disabled={busy}
          aria-describedby="commenters-may-suggest-hint"
          onChange={(event) => void change(event.currentTarget.checked)}
        />{' '}
        {t('suggest.commentersMay')}
      </label>
      <p id="commenters-may-suggest-hint" className="muted">
        {t('suggest.commentersMayHint')}
      </p>
      {failed ? <Notice tone="error">{t('suggest.commentersMayFailed')}</Notice> : null}
    </div>
  )
}

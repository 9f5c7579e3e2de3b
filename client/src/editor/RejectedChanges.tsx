import { type ReactNode, useState } from 'react'
import { useT } from '../app/i18n/i18n.js'
import { Notice } from '../ui/Notice.js'

/**
 * The server keeps refusing changes this device sends to a room, so the room stopped
 * reconnecting (see `manageReconnects`). Says so, and offers the one way out: discard this
 * device's copy of the refused rooms, with the changes the server does not have, and load the
 * page again.
 */
export const RejectedNotice = ({ discard }: { discard: () => Promise<void> }) => {
  const t = useT()
  const [discarding, setDiscarding] = useState(false)
  const onDiscard = () => {
    setDiscarding(true)
    discard().finally(() => window.location.reload())
  }
  return (
    <>
      <Notice tone="error">{t('editor.rejected')}</Notice>
      <p>{t('editor.rejectedWhy')}</p>
      <p>
        <button
          type="button"
          className="button button--danger"
          onClick={onDiscard}
          disabled={discarding}
        >
          {t('editor.discardLocal')}
        </button>
      </p>
    </>
  )
}

/** `RejectedNotice` as the whole page, in place of a document's or a caucus's editor. */
export const RejectedChanges = ({
  discard,
  children,
}: {
  discard: () => Promise<void>
  /** A way back, below the button. */
  children?: ReactNode
}) => {
  const t = useT()
  return (
    <main id="main" className="page page--narrow">
      <h1>{t('editor.rejectedTitle')}</h1>
      <RejectedNotice discard={discard} />
      {children}
    </main>
  )
}

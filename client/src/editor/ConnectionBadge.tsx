import { useT } from '../app/i18n/i18n.js'
import type { SaveStatus } from '../sync/save-tracker.js'

/** Says honestly where the person's changes are: on the server's disk, on the way, or local. */
export const ConnectionBadge = ({ status }: { status: SaveStatus }) => {
  const t = useT()
  const label = (() => {
    switch (status.state) {
      case 'saved':
        return t('badge.saved')
      case 'saving':
        return t('badge.saving')
      case 'connecting':
        return t('badge.connecting')
      case 'reconnecting':
        return status.pending > 0 ? t('badge.reconnectingKept') : t('badge.reconnecting')
      case 'offline':
        // What counts is that nothing is lost, not how many updates (keystrokes) wait.
        return status.pending > 0 ? t('badge.offlineKept') : t('badge.offline')
      default: {
        const unknownStatus: never = status
        return unknownStatus
      }
    }
  })()
  return (
    <output className={`badge badge--${status.state}`} aria-live="polite" data-state={status.state}>
      <span className="badge__dot" aria-hidden="true" />
      {label}
    </output>
  )
}

import { useEffect, useState } from 'react'
import type {
  Notification,
  NotificationList,
  NotificationPlace,
} from '../../../../shared/src/schema/notification.js'
import { fetchNotifications, markNotificationsRead } from '../../api/notifications.js'
import { InHeader } from '../../app/header-slot.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { BellIcon } from '../../ui/BellIcon.js'
import { Notice } from '../../ui/Notice.js'
import { useWorkspaceLive } from '../workspace/workspace-live.js'
import { MailSettingsPanel } from './MailSettingsPanel.js'
import './notifications.css'

const hrefOf = (workspaceId: string, place: NotificationPlace): string => {
  switch (place.page) {
    case 'document':
      return paths.document(workspaceId, place.documentId)
    case 'session':
      return paths.session(workspaceId, place.sessionId)
    case 'agreement':
      return paths.agreement(workspaceId, place.agreementId)
    case 'caucus':
      return paths.caucus(workspaceId, place.caucusId)
    default: {
      const unknownPlace: never = place
      return unknownPlace
    }
  }
}

/**
 * The bell on every page of a workspace: how many notifications are unread, and the list, each
 * linking to its place. Refetched whenever the server signals this person in the presence room
 * (the signal says only that something is new; the list comes with this person's cookie).
 */
export const NotificationBell = ({ workspaceId }: { workspaceId: string }) => {
  const t = useT()
  const signal = useWorkspaceLive()?.notificationSignal ?? 0
  const [list, setList] = useState<NotificationList | undefined>(undefined)
  const [open, setOpen] = useState(false)
  // The panel shows the list, or the person's e-mail settings instead.
  const [mailOpen, setMailOpen] = useState(false)
  const [failed, setFailed] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the signal is what asks for a refetch
  useEffect(() => {
    let current = true
    fetchNotifications(workspaceId).then(
      (loaded) => current && setList(loaded),
      () => current && setFailed(true),
    )
    return () => {
      current = false
    }
  }, [workspaceId, signal])

  const markRead = (ids?: number[]) => {
    setFailed(false)
    markNotificationsRead(workspaceId, ids).then(setList, () => setFailed(true))
  }
  const unread = list?.unread ?? 0
  const text = (notice: Notification) =>
    t(`notification.kind.${notice.kind}`, {
      actor: notice.actorName ?? t('notification.someone'),
      subject: notice.subject,
    })

  return (
    <InHeader>
      <div className="notification-bar">
        <button
          type="button"
          className="notification-bell"
          aria-expanded={open}
          aria-label={
            unread > 0 ? t('notification.bellUnread', { count: unread }) : t('notification.bell')
          }
          onClick={() => setOpen((now) => !now)}
        >
          <BellIcon />
          {unread > 0 ? <span className="notification-bell__count">{unread}</span> : null}
        </button>
        {open ? (
          <section className="notification-panel" aria-label={t('notification.bell')}>
            {mailOpen ? (
              <>
                <MailSettingsPanel workspaceId={workspaceId} />
                <div className="notification-panel__actions">
                  <button type="button" onClick={() => setMailOpen(false)}>
                    {t('mail.back')}
                  </button>
                </div>
              </>
            ) : (
              <>
                {failed ? <Notice tone="error">{t('common.actionFailed')}</Notice> : null}
                {list && list.notifications.length === 0 ? <p>{t('notification.none')}</p> : null}
                <ul className="notification-list">
                  {list?.notifications.map((notice) => (
                    <li
                      key={notice.id}
                      className={
                        notice.readAt ? 'notification' : 'notification notification--unread'
                      }
                    >
                      <Link
                        href={hrefOf(workspaceId, notice.place)}
                        onClick={() => {
                          if (!notice.readAt) markRead([notice.id])
                          setOpen(false)
                        }}
                      >
                        {text(notice)}
                      </Link>
                      {notice.readAt ? null : (
                        <button type="button" onClick={() => markRead([notice.id])}>
                          {t('notification.markRead')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
                <div className="notification-panel__actions">
                  <button type="button" onClick={() => setMailOpen(true)}>
                    {t('mail.open')}
                  </button>
                  {unread > 0 ? (
                    <button type="button" onClick={() => markRead()}>
                      {t('notification.markAllRead')}
                    </button>
                  ) : null}
                  <button type="button" onClick={() => setOpen(false)}>
                    {t('notification.close')}
                  </button>
                </div>
              </>
            )}
          </section>
        ) : null}
      </div>
    </InHeader>
  )
}

/** The notification bell, in English (merged into `en`). */
export const notificationEn = {
  'notification.bell': 'Notifications',
  'notification.bellUnread': 'Notifications, {count} unread',
  'notification.none': 'Nothing new for you.',
  'notification.markRead': 'Mark read',
  'notification.markAllRead': 'Mark all read',
  'notification.close': 'Close',
  'notification.kind.mention': '{actor} mentioned you: “{subject}”',
  'notification.kind.reply': '{actor} replied in your thread: “{subject}”',
  'notification.kind.session_started': '{actor} started the session “{subject}”',
  'notification.kind.signature_needed': 'Your signature is needed on “{subject}”',
  'notification.kind.term_due': 'A term you own is coming due: “{subject}”',
  'notification.kind.term_overdue': 'A term you own is overdue: “{subject}”',
  'notification.kind.decision_recorded':
    'A decision was recorded in a session you attended: “{subject}”',
  'notification.someone': 'Someone',
}

import type { notificationEn } from './notification-en.js'

/** The notification bell, in Bahasa Indonesia (merged into `id`). */
export const notificationId: Record<keyof typeof notificationEn, string> = {
  'notification.bell': 'Notifikasi',
  'notification.bellUnread': 'Notifikasi, {count} belum dibaca',
  'notification.none': 'Tidak ada yang baru untuk Anda.',
  'notification.markRead': 'Tandai sudah dibaca',
  'notification.markAllRead': 'Tandai semua sudah dibaca',
  'notification.close': 'Tutup',
  'notification.kind.mention': '{actor} menyebut Anda: “{subject}”',
  'notification.kind.reply': '{actor} membalas di utas Anda: “{subject}”',
  'notification.kind.session_started': '{actor} memulai sesi “{subject}”',
  'notification.kind.signature_needed': 'Tanda tangan Anda diperlukan pada “{subject}”',
  'notification.kind.term_due':
    'Ketentuan yang menjadi tanggung jawab Anda segera jatuh tempo: “{subject}”',
  'notification.kind.term_overdue':
    'Ketentuan yang menjadi tanggung jawab Anda sudah lewat tenggat: “{subject}”',
  'notification.kind.decision_recorded':
    'Keputusan dicatat dalam sesi yang Anda hadiri: “{subject}”',
  'notification.someone': 'Seseorang',
}

import type { webhookEn } from './webhook-en.js'

/** Webhooks on the workspace page (facilitators), in Bahasa Indonesia (merged into `id`). */
export const webhookId: Record<keyof typeof webhookEn, string> = {
  'webhook.title': 'Webhook',
  'webhook.lead':
    'Beri tahu sistem lain ketika sesuatu dicatat di sini. Setiap pengiriman ditandatangani dengan rahasia webhook (Standard Webhooks).',
  'webhook.url': 'URL penerima',
  'webhook.events': 'Peristiwa',
  'webhook.event.decision.recorded': 'Keputusan dicatat',
  'webhook.event.agreement.signed': 'Kesepakatan ditandatangani',
  'webhook.event.term.status_changed': 'Status ketentuan berubah',
  'webhook.event.version.saved': 'Versi disimpan',
  'webhook.register': 'Daftarkan webhook',
  'webhook.secret': 'Rahasia untuk {url} (hanya ditampilkan sekarang; simpan di penerima):',
  'webhook.none': 'Belum ada webhook.',
  'webhook.remove': 'Hapus',
  'webhook.showDeliveries': 'Pengiriman',
  'webhook.hideDeliveries': 'Sembunyikan pengiriman',
  'webhook.noDeliveries': 'Belum ada yang dikirim.',
  'webhook.col.event': 'Peristiwa',
  'webhook.col.status': 'Status',
  'webhook.col.attempts': 'Percobaan',
  'webhook.col.answer': 'Jawaban terakhir',
  'webhook.col.created': 'Diantrekan',
  'webhook.status.pending': 'Menunggu',
  'webhook.status.delivered': 'Terkirim',
  'webhook.status.failed': 'Gagal',
  'webhook.refused':
    'URL ini tidak dapat menerima webhook: hanya alamat http(s) di internet publik yang diizinkan.',
  'webhook.chooseEvent': 'Pilih setidaknya satu peristiwa.',
  'webhook.rollSecret': 'Ganti rahasia',
  'webhook.previousSecretHolds':
    'Rahasia sebelumnya juga menandatangani setiap pengiriman sampai {until}: perbarui penerima sebelum itu.',
  'webhook.redeliver': 'Kirim ulang',
  'webhook.col.actions': 'Tindakan',
}

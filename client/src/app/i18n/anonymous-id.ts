import type { anonymousEn } from './anonymous-en.js'

/** Anonymous positions on proposals, in Bahasa Indonesia (merged into `id`). */
export const anonymousId: Record<keyof typeof anonymousEn, string> = {
  'anonymous.option': 'Sikap anonim (tidak ada yang tahu siapa memilih apa, termasuk fasilitator)',
  'anonymous.badge': 'Sikap anonim',
  'anonymous.notice':
    'Sikap bersifat anonim: hanya jumlahnya yang disimpan. Hasilnya tampil setelah fasilitator membukanya.',
  'anonymous.reveal': 'Buka hasil',
  'anonymous.revealed': 'Hasil sudah dibuka. Tidak ada yang bisa melihat siapa memilih sikap apa.',
  'anonymous.withheld':
    '{count} sikap dari kelompok kecil hanya dihitung dalam jumlah total, agar tidak ada yang bisa dikenali.',
  'anonymous.reasons': 'Alasan Keberatan dan Menolak (tanpa nama)',
  'anonymous.noReasons': 'Tidak ada alasan.',
  'anonymous.groupPeople': '{count} orang',
  'anonymous.changeHint': 'Anda dapat mengubah sikap: perangkat ini menyimpan tanda terima Anda.',
  'session.rule.already_responded':
    'Anda sudah menyatakan sikap. Ubahlah dari perangkat yang Anda gunakan tadi.',
  'session.rule.anonymous_proposal':
    'Pada usulan anonim setiap orang menyatakan sikapnya sendiri, dan tim netral tidak menyatakan sikap.',
  'session.rule.not_hidden': 'Hasilnya tidak disembunyikan.',
  'session.rule.reveal_first':
    'Tampilkan hasilnya sebelum menyetujui: blokir dan keberatan dikonfirmasi berdasarkan jumlahnya.',
}

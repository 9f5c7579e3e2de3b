import type { clauseEn } from './clause-en.js'

/** Mufakat atas klausul: mengajukan satu bagian rencana untuk disepakati, dan statusnya. */
export const clauseId: Record<keyof typeof clauseEn, string> = {
  'clause.title': 'Klausul',
  'clause.propose': 'Ajukan klausul ini untuk mufakat',
  'clause.session': 'Dalam sesi',
  'clause.noSession': 'Tidak ada sesi yang berjalan.',
  'clause.defaultText': 'Menyetujui klausul ini sebagaimana tertulis.',
  'clause.submit': 'Ajukan',
  'clause.opened': 'Klausul sudah diajukan.',
  'clause.toSession': 'Buka sesi',
  'clause.none': 'Belum ada klausul yang diajukan.',
  'clause.consented': '§ disepakati',
  'clause.notConsented': '§ tidak disepakati',
  'clause.deferred': '§ ditunda',
  'clause.open': 'terbuka',
  'clause.objection': '{count} keberatan',
  'clause.objections': '{count} keberatan',
  'clause.block': '{count} penolakan',
  'clause.blocks': '{count} penolakan',
  'clause.changedShort': 'teks berubah',
  'clause.goneShort': 'bagian dihapus',
  'clause.changed': 'Berubah sejak diajukan; kini: “{text}”',
  'clause.gone': 'Sudah dihapus dari rencana.',
  'clause.unsaved': 'Belum tersimpan di rencana: coba lagi sebentar lagi.',
  'clause.underSuggestion':
    'Bagian ini memuat saran yang belum diterima atau ditolak: selesaikan dulu, lalu minta persetujuan.',
  'clause.onSession': 'Klausul yang diajukan',
  'clause.hash': 'SHA-256 teks ini: {hash}',
  'clause.decided': 'Atas klausul',
}

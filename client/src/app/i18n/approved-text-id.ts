import type { approvedTextEn } from './approved-text-en.js'

/** Bahasa Indonesia for the approved text; typed against the English keys. */
export const approvedTextId: Record<keyof typeof approvedTextEn, string> = {
  'approved.deciding': 'Anda memutuskan versi {version} dari “{plan}”, dibekukan pada {time}.',
  'approved.decidingNoTitle':
    'Anda memutuskan versi {version} dari rencana, dibekukan pada {time}.',
  'approved.unchanged': 'Rencana yang berjalan masih persis sama dengan versi ini.',
  'approved.movedOn':
    'Rencana yang berjalan telah berubah sejak versi ini dibekukan. Keputusan mengikat versi yang dibekukan; yang berubah:',
  'approved.title': 'Teks yang disetujui',
  'approved.version': 'Versi {version}, dibekukan pada {time}',
  'approved.hash': 'Hash isi {hash}',
  'approved.hashMatches':
    'Peramban ini menghitung ulang hash teks yang disetujui: cocok dengan catatan.',
  'approved.hashDiffers':
    'Peramban ini menghitung ulang hash teks yang disetujui: tidak cocok dengan catatan.',
  'approved.hashAnonymised':
    'Nama dalam teks ini diganti, sehingga hash-nya hanya dapat diperiksa pada publikasi bernama.',
  'approved.hashInsecure': 'Peramban ini tidak dapat menghitung hash pada koneksi ini.',
  'approved.since': 'Perbedaan dengan rencana hari ini',
  'approved.sinceSame': 'Rencana hari ini masih persis seperti yang disetujui.',
  'approved.altered':
    'Teks tersimpan dari versi ini tidak cocok dengan hash dalam catatan: teks diubah setelah keputusan.',
  'approved.missing': 'Teks yang disetujui tidak tersedia.',
}

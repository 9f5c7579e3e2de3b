import type { transparencyEn } from './transparency-en.js'

export const transparencyId: Record<keyof typeof transparencyEn, string> = {
  'log.checking': 'Memeriksa log bertanda tangan di peramban Anda…',
  'log.insecure':
    'Peramban Anda tidak dapat memeriksa log bertanda tangan pada koneksi ini (perlu https).',
  'log.verified':
    'Terverifikasi di peramban Anda: {count} catatan dalam log bertanda tangan. Peramban Anda mengingatnya dan akan memperingatkan Anda bila catatan ini pernah ditulis ulang.',
  'log.verifiedOne':
    'Terverifikasi di peramban Anda: 1 catatan dalam log bertanda tangan. Peramban Anda mengingatnya dan akan memperingatkan Anda bila catatan ini pernah ditulis ulang.',
  'log.consistent':
    'Terverifikasi di peramban Anda: {count} catatan, konsisten dengan yang Anda lihat pada {date}.',
  'log.consistentOne':
    'Terverifikasi di peramban Anda: 1 catatan, konsisten dengan yang Anda lihat pada {date}.',
  'log.entriesWithheld':
    'Selama nama disembunyikan, entrinya tidak publik: peramban Anda memeriksa tanda tangan dan bahwa log hanya bertambah, bukan setiap catatan.',
  'log.unreadable': 'Peramban Anda belum dapat memeriksa log bertanda tangan catatan ini.',
  'log.keyChanged':
    'Peringatan: catatan ini kini ditandatangani dengan kunci yang berbeda dari yang dilihat peramban Anda pada {date}. Tanyakan alasannya kepada penerbit.',
  'log.badSignature': 'Peringatan: log catatan ini tidak memiliki tanda tangan yang sah.',
  'log.entriesMismatch':
    'Peringatan: catatan yang dikirim server ini tidak cocok dengan log bertanda tangannya sendiri.',
  'log.truncated':
    'Peringatan: log kini berisi lebih sedikit catatan daripada {before} yang Anda lihat pada {date}: ada catatan yang dihapus.',
  'log.inconsistent':
    'Peringatan: log tidak konsisten dengan yang Anda lihat pada {date}: riwayatnya telah ditulis ulang.',
  'log.agreementUnshown':
    'Peringatan: log bertanda tangan memuat kesepakatan “{title}” (catatan {sequence}), yang tidak ditampilkan halaman ini: kesepakatan itu dihapus di luar server.',
  'log.shownUnsigned':
    'Peringatan: halaman ini menampilkan catatan {sequence}, yang tidak ada dalam log bertanda tangan: catatan itu ditambahkan atau diubah di luar server.',
  'log.shownAltered':
    'Peringatan: halaman ini menampilkan teks, tanda tangan, atau tindak lanjut yang berbeda dari isi log bertanda tangan: ada yang diubah di luar server, atau server tidak jujur.',
}

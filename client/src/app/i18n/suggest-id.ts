import type { suggestEn } from './suggest-en.js'

/** Bahasa Indonesia for suggestions and who wrote what; typed against the English keys. */
export const suggestId: Record<keyof typeof suggestEn, string> = {
  'suggest.mode': 'Sarankan perubahan',
  'suggest.modeHint':
    'Suntingan Anda pada kata-kata menjadi saran yang diterima atau ditolak oleh penulis',
  'suggest.on': 'Mode saran: suntingan Anda ditandai sebagai saran.',
  'suggest.title': 'Saran',
  'suggest.none': 'Belum ada saran.',
  'suggest.insert': 'Tambah',
  'suggest.delete': 'Hapus',
  'suggest.by': '{name} ({group})',
  'suggest.accept': 'Terima',
  'suggest.reject': 'Tolak',
  'suggest.acceptLabel': 'Terima: {kind} “{text}”',
  'suggest.rejectLabel': 'Tolak: {kind} “{text}”',
  'suggest.acceptAllBy': 'Terima semua dari {name}',
  'suggest.rejectAllBy': 'Tolak semua dari {name}',
  'suggest.saveAccepted':
    'Simpan dengan semua saran diterima (teks yang berjalan tetap menyimpannya)',
  'suggest.count': '{count} saran',
  'suggest.commentersMay': 'Pemberi komentar boleh menyarankan perubahan',
  'suggest.commentersMayHint':
    'Pemberi komentar lalu hanya menyunting dalam mode saran; penulis menerima atau menolak sarannya',
  'suggest.commentersMayFailed': 'Pengaturan tidak dapat diubah. Coba lagi.',
  'suggest.onlyNote':
    'Anda boleh menyarankan perubahan: apa yang Anda ketik atau hapus ditandai sebagai saran Anda, dan penulis menerima atau menolaknya. Format dan paragraf baru tidak dimungkinkan.',
  'suggest.withdraw': 'Tarik kembali',
  'suggest.withdrawLabel': 'Tarik kembali saran Anda: {kind} “{text}”',
  'suggest.discuss': 'Komentari',
  'suggest.discussLabel':
    'Komentari saran: {kind} “{text}” (pakai @nama untuk memberi tahu seseorang)',
  'authorship.toggle': 'Siapa menulis apa',
  'authorship.legend': 'Bagian teks menurut kelompok pemangku kepentingan',
  'authorship.by': 'Ditulis oleh {name} ({group})',
  'authorship.byGroupNow':
    'Ditulis oleh {name} ({group} sekarang; kelompoknya saat itu tidak tercatat)',
  'authorship.byClause': 'Siapa menulis tiap klausul, menurut kelompok',
  'authorship.writtenBy': 'Ditulis oleh',
}
